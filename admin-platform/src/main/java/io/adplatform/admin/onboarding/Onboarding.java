package io.adplatform.admin.onboarding;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.Operator;
import io.adplatform.admin.products.Product;
import io.adplatform.admin.products.Products;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Operators start a product's onboarding, watch its steps and retry a failed one; the worker does the rest. */
@Service
public class Onboarding {

    private static final TypeReference<Map<String, String>> OUTPUT = new TypeReference<>() {
    };

    /** One step as operators see it. {@code error}: the last attempt's, while the step is not SUCCEEDED. */
    public record StepView(String name, int position, StepStatus status, int attempts, int maxAttempts,
                           Instant nextAttemptAt, String error, Map<String, String> output, Instant startedAt,
                           Instant finishedAt) {
    }

    public record View(String appId, WorkflowStatus status, Instant createdAt, Instant updatedAt, Instant finishedAt,
                       List<StepView> steps, List<ProductDashboards.Dashboard> dashboards) {
    }

    /** {@code created}: false when the product's workflow already existed (the call changed nothing). */
    public record Started(boolean created, View view) {
    }

    private final ProductAccess access;
    private final Products products;
    private final OnboardingStore store;
    private final OnboardingSteps steps;
    private final WorkflowEngine engine;
    private final ProductDashboards dashboards;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public Onboarding(ProductAccess access, Products products, OnboardingStore store, OnboardingSteps steps,
                      WorkflowEngine engine, ProductDashboards dashboards, AuditLog audit, TransactionTemplate tx,
                      ObjectMapper json, Clock clock) {
        this.access = access;
        this.products = products;
        this.store = store;
        this.steps = steps;
        this.engine = engine;
        this.dashboards = dashboards;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** Starts the product's workflow; one per product, so starting it again answers the existing one. */
    public Started start(Operator op, String appId) {
        access.require(op, appId, Permission.MANAGE_ONBOARDING);
        boolean created = Boolean.TRUE.equals(tx.execute(t -> {
            Product p = products.findForUpdate(appId).orElseThrow(() -> ProductAccess.notFound(appId));
            if (store.workflow(appId).isPresent()) {
                return false;
            }
            if ("ARCHIVED".equals(p.catalogStatus())) {
                throw ApiProblem.conflict("product " + appId + " is archived in the catalog; it cannot be onboarded");
            }
            long team = p.teamId() == null ? op.teamId() : p.teamId();
            store.create(appId, team, op.userId(), steps.names(), clock.instant());
            audit.record(op, "onboarding.started", "onboarding", appId, appId, Map.of("steps", steps.names()));
            return true;
        }));
        return new Started(created, view(appId));
    }

    public View get(Operator op, String appId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return view(appId);
    }

    /** An operator's retry of a FAILED step: due at once with a fresh set of attempts. */
    public View retry(Operator op, String appId, String step) {
        access.require(op, appId, Permission.MANAGE_ONBOARDING);
        if (!steps.names().contains(step)) {
            throw ApiProblem.invalid(List.of(new FieldError("step", "must be one of " + String.join(", ", steps.names()))));
        }
        tx.executeWithoutResult(t -> {
            if (store.workflow(appId).isEmpty()) {
                throw noWorkflow(appId);
            }
            Instant now = clock.instant();
            List<StepState> all = store.lockSteps(appId);
            StepState s = all.stream().filter(x -> x.step().equals(step)).findFirst().orElseThrow(() -> noWorkflow(appId));
            if (s.status() != StepStatus.FAILED) {
                throw ApiProblem.conflict("step " + step + " is " + s.status() + "; only a FAILED step can be retried");
            }
            store.save(engine.retry(s, now));
            store.setStatus(appId, engine.status(store.steps(appId)), now);
            audit.record(op, "onboarding.step-retried", "onboarding-step", step, appId,
                    Map.of("previousAttempts", s.attempts()));
        });
        return view(appId);
    }

    private View view(String appId) {
        OnboardingStore.Workflow w = store.workflow(appId).orElseThrow(() -> noWorkflow(appId));
        int max = engine.policy().maxAttempts();
        List<StepView> views = store.steps(appId).stream().map(s -> new StepView(s.step(), s.position(), s.status(),
                s.attempts(), max, s.status() == StepStatus.PENDING ? s.nextAttemptAt() : null,
                s.status() == StepStatus.SUCCEEDED ? null : s.lastError(),
                s.output() == null ? Map.of() : json.readValue(s.output(), OUTPUT), s.startedAt(), s.finishedAt()))
                .toList();
        return new View(appId, w.status(), w.createdAt(), w.updatedAt(), w.finishedAt(), views, dashboards.of(appId));
    }

    private static ApiProblem noWorkflow(String appId) {
        return ApiProblem.notFound("product " + appId + " has no onboarding; start it with POST");
    }
}
