package io.adplatform.admin.creatives;

import io.adplatform.admin.identity.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A product's creative library: templates, audiences, ad copies, assets. */
@RestController
@RequestMapping("/api/v1/products/{appId}/creatives")
@Tag(name = "creatives", description = "Templates, audiences, ad copies and creative assets of a product")
class CreativesController {

    private final CreativeLibrary library;

    CreativesController(CreativeLibrary library) {
        this.library = library;
    }

    @PostMapping("/templates")
    @Operation(summary = "A template: the media-required campaign and ad set settings (MANAGE_CREATIVES)")
    ResponseEntity<Library.Template> createTemplate(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                                    @RequestBody(required = false) CreativeLibrary.NewTemplate body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(library.createTemplate(op, appId, body));
    }

    @GetMapping("/templates")
    List<Library.Template> templates(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        return library.templates(op, appId);
    }

    @GetMapping("/templates/{id}")
    Library.Template template(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return library.template(op, appId, id);
    }

    @DeleteMapping("/templates/{id}")
    ResponseEntity<Void> deleteTemplate(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                        @PathVariable long id) {
        library.delete(op, appId, "template", id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/audiences")
    @Operation(summary = "An audience: locations, ages, gender, OS, languages (MANAGE_CREATIVES)")
    ResponseEntity<Library.Audience> createAudience(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                                    @RequestBody(required = false) CreativeLibrary.NewAudience body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(library.createAudience(op, appId, body));
    }

    @GetMapping("/audiences")
    List<Library.Audience> audiences(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        return library.audiences(op, appId);
    }

    @GetMapping("/audiences/{id}")
    Library.Audience audience(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return library.audience(op, appId, id);
    }

    @DeleteMapping("/audiences/{id}")
    ResponseEntity<Void> deleteAudience(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                        @PathVariable long id) {
        library.delete(op, appId, "audience", id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/copies")
    @Operation(summary = "An ad copy: primary text, headline, description (MANAGE_CREATIVES)")
    ResponseEntity<Library.AdCopy> createCopy(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                              @RequestBody(required = false) CreativeLibrary.NewCopy body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(library.createCopy(op, appId, body));
    }

    @GetMapping("/copies")
    List<Library.AdCopy> copies(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        return library.copies(op, appId);
    }

    @GetMapping("/copies/{id}")
    Library.AdCopy copy(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return library.copy(op, appId, id);
    }

    @DeleteMapping("/copies/{id}")
    ResponseEntity<Void> deleteCopy(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                    @PathVariable long id) {
        library.delete(op, appId, "copy", id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/assets")
    @Operation(summary = "Upload an image (JPEG/PNG) or video (MP4): multipart part 'file', optional 'name' "
            + "(MANAGE_CREATIVES)")
    ResponseEntity<Library.Asset> upload(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                         @RequestParam(name = "file", required = false) MultipartFile file,
                                         @RequestParam(name = "name", required = false) String name) {
        try {
            byte[] bytes = file == null ? null : file.getBytes();
            return ResponseEntity.status(HttpStatus.CREATED).body(library.upload(op, appId, name, bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/assets")
    List<Library.Asset> assets(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        return library.assets(op, appId);
    }

    @GetMapping("/assets/{id}")
    Library.Asset asset(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return library.asset(op, appId, id);
    }

    @GetMapping("/assets/{id}/content")
    @Operation(summary = "The asset's bytes")
    ResponseEntity<byte[]> content(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                   @PathVariable long id) {
        byte[] bytes = library.content(op, appId, id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(library.asset(appId, id).orElseThrow()
                .contentType())).body(bytes);
    }

    @DeleteMapping("/assets/{id}")
    ResponseEntity<Void> deleteAsset(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                     @PathVariable long id) {
        library.delete(op, appId, "asset", id);
        return ResponseEntity.noContent().build();
    }
}
