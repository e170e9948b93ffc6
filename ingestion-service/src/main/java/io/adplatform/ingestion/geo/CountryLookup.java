package io.adplatform.ingestion.geo;

/** IP address → ISO-3166 alpha-2 country code. */
public interface CountryLookup {

    /** The country of the address, or null when unknown (private address, not in the database, no database). */
    String country(String ip);

    CountryLookup NONE = ip -> null;
}
