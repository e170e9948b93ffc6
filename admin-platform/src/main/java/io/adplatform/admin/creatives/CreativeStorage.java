package io.adplatform.admin.creatives;

import java.util.Optional;

/**
 * Where asset bytes live, by key ({@code <appId>/<sha256>.<ext>}: the content hash makes a key name its bytes, so a
 * put of the same bytes is idempotent and an object store can serve keys forever-cached). {@link LocalDiskStorage} by
 * default; an S3 implementation maps put/get/delete to PutObject/GetObject/DeleteObject on a bucket.
 */
public interface CreativeStorage {

    void put(String key, byte[] bytes, String contentType);

    Optional<byte[]> get(String key);

    void delete(String key);
}
