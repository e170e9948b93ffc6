package io.adplatform.admin.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** A MariaDB database of this test run on the machine's server: random name, dropped by {@link #drop()}. */
public final class TestDatabase {

    static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() {
        byte[] r = new byte[5];
        ThreadLocalRandom.current().nextBytes(r);
        TestDatabase db = new TestDatabase("admin_test_" + HexFormat.of().formatHex(r));
        db.execute("CREATE DATABASE `" + db.name + "`");
        return db;
    }

    public String url() {
        return SERVER + name;
    }

    public void drop() {
        execute("DROP DATABASE IF EXISTS `" + name + "`");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "root", "");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }
}
