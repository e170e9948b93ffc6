package io.adplatform.newdevice.api;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.activation.ActivationCheckRequest;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's rules for a batch, checked in full before anything touches Redis so a bad batch writes nothing.
 * Every broken field is reported (up to {@value #MAX_REPORTED}), named by its JSON path.
 */
final class CheckRequestValidator {

    static final int MAX_ID_LENGTH = 256;
    static final int MAX_REPORTED = 50;
    static final String NO_IDENTIFIER = "carries no usable identifier (idfa, idfv, gaid, oaid, androidId, appsflyerId;"
            + " blank and all-zero advertising ids do not count)";

    private CheckRequestValidator() {
    }

    static void validate(ActivationCheckRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        List<ActivationCheck> checks = request == null ? null : request.checks();
        if (checks == null || checks.isEmpty()) {
            problems.add(new FieldProblem("checks", "must hold 1 to " + ActivationCheckRequest.MAX_CHECKS + " checks"));
        } else if (checks.size() > ActivationCheckRequest.MAX_CHECKS) {
            problems.add(new FieldProblem("checks", "must hold at most " + ActivationCheckRequest.MAX_CHECKS
                    + " checks, got " + checks.size()));
        } else {
            for (int i = 0; i < checks.size() && problems.size() < MAX_REPORTED; i++) {
                validate("checks[" + i + "]", checks.get(i), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.subList(0, Math.min(problems.size(), MAX_REPORTED)));
        }
    }

    static void validateAppId(String appId) {
        List<FieldProblem> problems = new ArrayList<>();
        requireId("appId", appId, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    static void validateLookup(String appId, Platform platform, DeviceIds device) {
        List<FieldProblem> problems = new ArrayList<>();
        validateAppAndDevice("", appId, platform, device, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static void validate(String path, ActivationCheck check, List<FieldProblem> problems) {
        if (check == null) {
            problems.add(new FieldProblem(path, "must not be null"));
            return;
        }
        validateAppAndDevice(path + ".", check.appId(), check.platform(), check.device(), problems);
        requireId(path + ".eventId", check.eventId(), problems);
        if (check.occurredAt() != null && check.occurredAt().getEpochSecond() < 0) {
            problems.add(new FieldProblem(path + ".occurredAt", "must not be before 1970-01-01T00:00:00Z"));
        }
    }

    private static void validateAppAndDevice(String prefix, String appId, Platform platform, DeviceIds device,
            List<FieldProblem> problems) {
        requireId(prefix + "appId", appId, problems);
        if (device == null) {
            problems.add(new FieldProblem(prefix + "device", "must not be null"));
        } else if (DeviceKeys.ordered(platform, device).isEmpty()) {
            problems.add(new FieldProblem(prefix + "device", NO_IDENTIFIER));
        }
    }

    private static void requireId(String field, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank"));
        } else if (value.length() > MAX_ID_LENGTH) {
            problems.add(new FieldProblem(field, "must be at most " + MAX_ID_LENGTH + " characters"));
        }
    }
}
