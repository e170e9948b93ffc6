package io.adplatform.admin.creatives;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.adaccounts.AdsProperties;
import io.adplatform.admin.adaccounts.Media;
import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.Operator;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * A product's creative library: templates, audiences, ad copies and assets. Changing it needs MANAGE_CREATIVES,
 * reading it VIEW_PRODUCT. Items are looked up by (app_id, id): another product's id is "not found".
 */
@Service
public class CreativeLibrary {

    private final JdbcClient jdbc;
    private final ProductAccess access;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final CreativeStorage storage;
    private final AdsProperties.Storage limits;
    private final Clock clock;

    public CreativeLibrary(JdbcClient jdbc, ProductAccess access, AuditLog audit, ObjectMapper json,
                           CreativeStorage storage, AdsProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.json = json;
        this.storage = storage;
        this.limits = props.storage();
        this.clock = clock;
    }

    public record NewTemplate(String media, String name, TemplateSettings settings) {
    }

    public record NewAudience(String name, AudienceSpec spec) {
    }

    public record NewCopy(String name, String primaryText, String headline, String description) {
    }

    // ---- templates ---------------------------------------------------------------------------------------------

    @Transactional
    public Library.Template createTemplate(Operator op, String appId, NewTemplate body) {
        access.require(op, appId, Permission.MANAGE_CREATIVES);
        List<FieldError> errors = new ArrayList<>();
        Media media = body == null ? null : Media.parse(body.media()).orElse(null);
        if (media == null) {
            errors.add(new FieldError("media", "must be META or TIKTOK"));
        }
        name(errors, body == null ? null : body.name());
        if (media != null) {
            errors.addAll(TemplateRules.check(media, body.settings(), clock.instant()));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        long id = insert("INSERT INTO ad_templates (app_id, media, name, settings, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", appId, media.name(), body.name().trim(),
                json.writeValueAsString(body.settings()), now(), now());
        audit.record(op, "ad-template.created", "ad-template", Long.toString(id), appId,
                Map.of("name", body.name().trim(), "media", media.name()));
        return template(appId, id).orElseThrow();
    }

    public List<Library.Template> templates(Operator op, String appId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return jdbc.sql("SELECT id, app_id, media, name, settings, created_at FROM ad_templates WHERE app_id = ? "
                + "ORDER BY id").params(appId).query(this::templateRow).list();
    }

    public Library.Template template(Operator op, String appId, long id) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return template(appId, id).orElseThrow(() -> notFound("template", id));
    }

    public Optional<Library.Template> template(String appId, long id) {
        return jdbc.sql("SELECT id, app_id, media, name, settings, created_at FROM ad_templates WHERE app_id = ? "
                + "AND id = ?").params(appId, id).query(this::templateRow).optional();
    }

    // ---- audiences ---------------------------------------------------------------------------------------------

    @Transactional
    public Library.Audience createAudience(Operator op, String appId, NewAudience body) {
        access.require(op, appId, Permission.MANAGE_CREATIVES);
        List<FieldError> errors = new ArrayList<>();
        name(errors, body == null ? null : body.name());
        if (body == null || body.spec() == null) {
            errors.add(new FieldError("spec", "is required"));
        } else {
            errors.addAll(body.spec().check());
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        long id = insert("INSERT INTO ad_audiences (app_id, name, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                appId, body.name().trim(), json.writeValueAsString(body.spec()), now(), now());
        audit.record(op, "ad-audience.created", "ad-audience", Long.toString(id), appId, Map.of("name", body.name().trim()));
        return audience(appId, id).orElseThrow();
    }

    public List<Library.Audience> audiences(Operator op, String appId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return jdbc.sql("SELECT id, app_id, name, spec, created_at FROM ad_audiences WHERE app_id = ? ORDER BY id")
                .params(appId).query(this::audienceRow).list();
    }

    public Library.Audience audience(Operator op, String appId, long id) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return audience(appId, id).orElseThrow(() -> notFound("audience", id));
    }

    public Optional<Library.Audience> audience(String appId, long id) {
        return jdbc.sql("SELECT id, app_id, name, spec, created_at FROM ad_audiences WHERE app_id = ? AND id = ?")
                .params(appId, id).query(this::audienceRow).optional();
    }

    // ---- copies ------------------------------------------------------------------------------------------------

    @Transactional
    public Library.AdCopy createCopy(Operator op, String appId, NewCopy body) {
        access.require(op, appId, Permission.MANAGE_CREATIVES);
        List<FieldError> errors = new ArrayList<>();
        name(errors, body == null ? null : body.name());
        String primary = body == null ? null : body.primaryText();
        if (primary == null || primary.isBlank() || CopyLimits.length(primary) > CopyLimits.META_PRIMARY) {
            errors.add(new FieldError("primaryText", "is required, at most " + CopyLimits.META_PRIMARY + " characters"));
        }
        if (body != null && CopyLimits.length(body.headline()) > CopyLimits.META_HEADLINE) {
            errors.add(new FieldError("headline", "at most " + CopyLimits.META_HEADLINE + " characters"));
        }
        if (body != null && CopyLimits.length(body.description()) > CopyLimits.META_DESCRIPTION) {
            errors.add(new FieldError("description", "at most " + CopyLimits.META_DESCRIPTION + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        long id = insert("INSERT INTO ad_copies (app_id, name, primary_text, headline, description, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", appId, body.name().trim(), primary, body.headline(),
                body.description(), now(), now());
        audit.record(op, "ad-copy.created", "ad-copy", Long.toString(id), appId, Map.of("name", body.name().trim()));
        return copy(appId, id).orElseThrow();
    }

    public List<Library.AdCopy> copies(Operator op, String appId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return jdbc.sql("SELECT id, app_id, name, primary_text, headline, description, created_at FROM ad_copies "
                + "WHERE app_id = ? ORDER BY id").params(appId).query(CreativeLibrary::copyRow).list();
    }

    public Library.AdCopy copy(Operator op, String appId, long id) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return copy(appId, id).orElseThrow(() -> notFound("ad copy", id));
    }

    public Optional<Library.AdCopy> copy(String appId, long id) {
        return jdbc.sql("SELECT id, app_id, name, primary_text, headline, description, created_at FROM ad_copies "
                + "WHERE app_id = ? AND id = ?").params(appId, id).query(CreativeLibrary::copyRow).optional();
    }

    // ---- assets ------------------------------------------------------------------------------------------------

    /**
     * Stores an upload after checking its real type (magic bytes), size and image dimensions. The same bytes uploaded
     * twice to a product are one asset (409 names the existing one).
     */
    @Transactional
    public Library.Asset upload(Operator op, String appId, String name, byte[] bytes) {
        access.require(op, appId, Permission.MANAGE_CREATIVES);
        List<FieldError> errors = new ArrayList<>();
        if (bytes == null || bytes.length == 0) {
            throw ApiProblem.invalid(List.of(new FieldError("file", "is required (multipart part 'file')")));
        }
        AssetInspector.Inspected kind = AssetInspector.inspect(bytes);
        if (kind == null) {
            throw ApiProblem.invalid(List.of(new FieldError("file",
                    "must be a JPEG, PNG or MP4 file (judged by its content, not its name)")));
        }
        long max = "IMAGE".equals(kind.kind()) ? limits.maxImageBytes() : limits.maxVideoBytes();
        if (bytes.length > max) {
            errors.add(new FieldError("file", kind.contentType() + " larger than " + max + " bytes"));
        }
        if (kind.width() != null) {
            int lo = limits.minImageSide();
            int hi = limits.maxImageSide();
            if (kind.width() < lo || kind.height() < lo || kind.width() > hi || kind.height() > hi) {
                errors.add(new FieldError("file", "image is " + kind.width() + "x" + kind.height() + ": each side must be "
                        + lo + ".." + hi + " pixels"));
            }
        }
        String label = name == null || name.isBlank() ? null : name.trim();
        if (label != null && label.length() > 255) {
            errors.add(new FieldError("name", "at most 255 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        String sha = sha256(bytes);
        Optional<Long> same = jdbc.sql("SELECT id FROM creative_assets WHERE app_id = ? AND sha256 = ?")
                .params(appId, sha).query(Long.class).optional();
        if (same.isPresent()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "the same file is asset " + same.get() + " of this product",
                    List.of(new FieldError("file", "already uploaded as asset " + same.get())));
        }
        String key = appId + "/" + sha + "." + kind.extension();
        String assetName = label == null ? sha.substring(0, 12) + "." + kind.extension() : label;
        long id = insert("INSERT INTO creative_assets (app_id, name, kind, content_type, size_bytes, width, height, "
                        + "sha256, storage_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", appId, assetName,
                kind.kind(), kind.contentType(), (long) bytes.length, kind.width(), kind.height(), sha, key, now());
        // Bytes go in last: a failure rolls the row back; a file left by a rollback is named by its hash and reused.
        storage.put(key, bytes, kind.contentType());
        audit.record(op, "creative-asset.uploaded", "creative-asset", Long.toString(id), appId,
                Map.of("name", assetName, "contentType", kind.contentType(), "sha256", sha, "bytes", bytes.length));
        return asset(appId, id).orElseThrow();
    }

    public List<Library.Asset> assets(Operator op, String appId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return jdbc.sql("SELECT " + ASSET_COLUMNS + " FROM creative_assets WHERE app_id = ? ORDER BY id")
                .params(appId).query(CreativeLibrary::assetRow).list();
    }

    public Library.Asset asset(Operator op, String appId, long id) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return asset(appId, id).orElseThrow(() -> notFound("asset", id));
    }

    public Optional<Library.Asset> asset(String appId, long id) {
        return jdbc.sql("SELECT " + ASSET_COLUMNS + " FROM creative_assets WHERE app_id = ? AND id = ?")
                .params(appId, id).query(CreativeLibrary::assetRow).optional();
    }

    public byte[] content(Operator op, String appId, long id) {
        Library.Asset a = asset(op, appId, id);
        return storage.get(a.storageKey()).orElseThrow(() -> ApiProblem.notFound("the bytes of asset " + id
                + " are missing from storage"));
    }

    /** The URL the media fetch the asset from. */
    public String publicUrl(Library.Asset a) {
        return limits.publicBaseUrl() + a.storageKey();
    }

    // ---- deleting ----------------------------------------------------------------------------------------------

    /** Deletes a template, audience, copy or asset; batches keep the copy of it they were made with. */
    @Transactional
    public void delete(Operator op, String appId, String what, long id) {
        access.require(op, appId, Permission.MANAGE_CREATIVES);
        String table = switch (what) {
            case "template" -> "ad_templates";
            case "audience" -> "ad_audiences";
            case "copy" -> "ad_copies";
            case "asset" -> "creative_assets";
            default -> throw new IllegalArgumentException(what);
        };
        Optional<Library.Asset> asset = "asset".equals(what) ? asset(appId, id) : Optional.empty();
        int n = jdbc.sql("DELETE FROM " + table + " WHERE app_id = ? AND id = ?").params(appId, id).update();
        if (n == 0) {
            throw notFound(what, id);
        }
        audit.record(op, "creative-" + what + ".deleted", "creative-" + what, Long.toString(id), appId, Map.of());
        asset.ifPresent(a -> storage.delete(a.storageKey()));
    }

    // ---- rows --------------------------------------------------------------------------------------------------

    private static final String ASSET_COLUMNS = "id, app_id, name, kind, content_type, size_bytes, width, height, "
            + "sha256, storage_key, created_at";

    private Library.Template templateRow(ResultSet rs, int i) throws SQLException {
        return new Library.Template(rs.getLong(1), rs.getString(2), Media.valueOf(rs.getString(3)), rs.getString(4),
                json.readValue(rs.getString(5), TemplateSettings.class), rs.getTimestamp(6).toInstant());
    }

    private Library.Audience audienceRow(ResultSet rs, int i) throws SQLException {
        return new Library.Audience(rs.getLong(1), rs.getString(2), rs.getString(3),
                json.readValue(rs.getString(4), AudienceSpec.class), rs.getTimestamp(5).toInstant());
    }

    private static Library.AdCopy copyRow(ResultSet rs, int i) throws SQLException {
        return new Library.AdCopy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant());
    }

    private static Library.Asset assetRow(ResultSet rs, int i) throws SQLException {
        int w = rs.getInt(7);
        boolean noW = rs.wasNull();
        int h = rs.getInt(8);
        boolean noH = rs.wasNull();
        return new Library.Asset(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), noW ? null : w, noH ? null : h, rs.getString(9), rs.getString(10),
                rs.getTimestamp(11).toInstant());
    }

    private long insert(String sql, Object... params) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(keys);
        return keys.getKey().longValue();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static void name(List<FieldError> errors, String name) {
        if (name == null || name.isBlank() || name.trim().length() > 128) {
            errors.add(new FieldError("name", "is required, at most 128 characters"));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ApiProblem notFound(String what, long id) {
        return ApiProblem.notFound("no " + what + " " + id + " in this product");
    }
}
