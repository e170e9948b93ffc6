package io.adplatform.admin.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** problem+json written by the security filters, before Spring MVC (and its advice) is reached. */
final class Problems {

    private Problems() {
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        String title = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            default -> "Error";
        };
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
