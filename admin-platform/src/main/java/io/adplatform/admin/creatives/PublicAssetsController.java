package io.adplatform.admin.creatives;

import io.adplatform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves uploaded assets at {@code adplatform.ads.storage.public-base-url} (default: this service) for the media to
 * fetch when an ad's creative names an image by URL. Public like a CDN: keys are content hashes, so a URL is known only
 * to whoever was given it, and the bytes behind a key never change (cached for a year). In production a bucket or CDN
 * in front of the storage usually takes this role.
 */
@RestController
@Tag(name = "creative assets", description = "Uploaded creatives as the media fetch them")
class PublicAssetsController {

    private static final Pattern APP = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern FILE = Pattern.compile("[0-9a-f]{64}\\.(jpg|png|mp4)");

    private final CreativeStorage storage;

    PublicAssetsController(CreativeStorage storage) {
        this.storage = storage;
    }

    @GetMapping("/creative-assets/{appId}/{file}")
    @Operation(summary = "One uploaded asset by its content-hash key")
    ResponseEntity<byte[]> asset(@PathVariable String appId, @PathVariable String file) {
        if (!APP.matcher(appId).matches() || !FILE.matcher(file).matches() || appId.startsWith(".")) {
            throw ApiProblem.notFound("no asset " + file);
        }
        byte[] bytes = storage.get(appId + "/" + file).orElseThrow(() -> ApiProblem.notFound("no asset " + file));
        MediaType type = switch (file.substring(file.lastIndexOf('.') + 1)) {
            case "jpg" -> MediaType.IMAGE_JPEG;
            case "png" -> MediaType.IMAGE_PNG;
            default -> MediaType.parseMediaType("video/mp4");
        };
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic()
                .immutable()).body(bytes);
    }
}
