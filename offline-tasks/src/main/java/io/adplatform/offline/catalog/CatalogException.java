package io.adplatform.offline.catalog;

/** The catalog could not be read: a refused request, retries used up, or a page that is not the contract's shape. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }
}
