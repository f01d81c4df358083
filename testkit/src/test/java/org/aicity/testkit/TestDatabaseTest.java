package org.aicity.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDatabaseTest {

    private static TestDatabase db;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @Test
    void shouldAnswerQueriesThroughTheDataSource() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_user, 6 * 7")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(TestDatabase.DATABASE);
            assertThat(rs.getString(2)).isEqualTo(db.username());
            assertThat(rs.getInt(3)).isEqualTo(42);
        }
    }

    @Test
    void shouldAcceptTheJdbcUrlWithUserAndPassword() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS url_check (id int)");
            assertThat(s.executeUpdate("INSERT INTO url_check VALUES (1), (2)")).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepDataAcrossAStopAndRestart() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE survivor (name text)");
            s.execute("INSERT INTO survivor VALUES ('still here')");
        }

        db.stop();
        assertThatThrownBy(() -> db.dataSource().getConnection().close()).isInstanceOf(SQLException.class);
        db.restart();

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM survivor")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }
}
