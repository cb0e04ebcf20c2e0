package dev.vouch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Vouch: a CDS Hooks 2.0 service for mental-health care. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VouchApplication {

    public static void main(String[] args) {
        SpringApplication.run(VouchApplication.class, args);
    }
}
