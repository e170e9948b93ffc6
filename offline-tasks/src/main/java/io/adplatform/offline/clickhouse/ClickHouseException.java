package io.adplatform.offline.clickhouse;

/** ClickHouse refused or failed a statement: its exception code and message, or the transport failed (code 0). */
public class ClickHouseException extends RuntimeException {

    private final int code;

    public ClickHouseException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** ClickHouse's exception code ({@code X-ClickHouse-Exception-Code}); 0 when no answer came. */
    public int code() {
        return code;
    }
}
