package io.adplatform.admin.onboarding;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.products.Product;
import io.adplatform.admin.products.Products;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * One worker of the onboarding workflows: claims a due step (its own short transaction, row lock skipped by other
 * workers), runs it outside any transaction (steps call other services), then records the outcome if it still holds
 * the step. A worker that dies leaves its step RUNNING under a lease that runs out; any worker then runs it again.
 * Not a Spring bean: the scheduled {@link OnboardingWorker} owns one, tests make their own (a "restarted" worker is a
 * new instance with a new owner id).
 */
public final class OnboardingRunner {

    private static final Logger log = LoggerFactory.getLogger(OnboardingRunner.class);
    private static final TypeReference<Map<String, String>> OUTPUT = new TypeReference<>() {
    };

    private final OnboardingStore store;
    private final WorkflowEngine engine;
    private final Map<String, OnboardingStep> steps;
    private final Products products;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final String owner;

    public OnboardingRunner(OnboardingStore store, WorkflowEngine engine, List<OnboardingStep> steps, Products products,
                            AuditLog audit, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.steps = steps.stream().collect(Collectors.toMap(OnboardingStep::name, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        this.products = products;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.owner = "worker-" + UUID.randomUUID();
    }

    public String owner() {
        return owner;
    }

    /** Runs due steps until none is left or {@code max} were run; the number run. */
    public int runDue(int max) {
        int n = 0;
        while (n < max && runOne()) {
            n++;
        }
        return n;
    }

    /** Claims and runs one due step; false when nothing was due. */
    public boolean runOne() {
        Optional<StepState> claimed = claim();
        if (claimed.isEmpty()) {
            return false;
        }
        StepState c = claimed.get();
        if (c.status() != StepStatus.RUNNING) {
            return true;
        }
        OnboardingStep step = steps.get(c.step());
        Map<String, String> output = null;
        String error = null;
        try {
            if (step == null) {
                throw new IllegalStateException("no step named " + c.step() + " in this version of the service");
            }
            output = step.run(context(c.appId()));
        } catch (InterruptedException e) {
            // Shutting down: leave the step RUNNING; its lease runs out and another worker takes it.
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.info("Onboarding step {} of {} failed (attempt {}): {}", c.step(), c.appId(), c.attempts(), error);
        }
        finish(c, output, error);
        return true;
    }

    private Optional<StepState> claim() {
        return tx.execute(t -> {
            Instant now = clock.instant();
            Optional<StepState> due = store.lockOneDue(now);
            if (due.isEmpty()) {
                return Optional.<StepState>empty();
            }
            StepState s = engine.claim(due.get(), now, owner);
            store.save(s);
            if (s.status() == StepStatus.FAILED) {
                afterChange(s, now);
            }
            return Optional.of(s);
        });
    }

    private void finish(StepState claimed, Map<String, String> output, String error) {
        tx.executeWithoutResult(t -> {
            Instant now = clock.instant();
            List<StepState> all = store.lockSteps(claimed.appId());
            StepState current = all.stream().filter(s -> s.step().equals(claimed.step())).findFirst().orElseThrow();
            if (!engine.stillHeld(current, claimed)) {
                // Our lease ran out and another worker took the step: its attempt is the one that counts.
                log.warn("Onboarding step {} of {}: lease lost, outcome dropped", claimed.step(), claimed.appId());
                return;
            }
            StepState next = error == null
                    ? engine.succeeded(current, now, json.writeValueAsString(output == null ? Map.of() : output))
                    : engine.failed(current, now, error);
            store.save(next);
            afterChange(next, now);
        });
    }

    /** Arms the following step after a success, keeps the workflow's status, and audits the outcome. */
    private void afterChange(StepState changed, Instant now) {
        List<StepState> all = store.lockSteps(changed.appId());
        engine.nextToArm(all).ifPresent(s -> store.save(engine.arm(s, now)));
        all = store.steps(changed.appId());
        WorkflowStatus status = engine.status(all);
        store.setStatus(changed.appId(), status, now);
        if (changed.status() == StepStatus.SUCCEEDED || changed.status() == StepStatus.FAILED) {
            Long team = store.workflow(changed.appId()).map(OnboardingStore.Workflow::teamId).orElse(null);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("attempts", changed.attempts());
            if (changed.status() == StepStatus.FAILED) {
                details.put("error", changed.lastError());
            }
            audit.recordSystem(team, "onboarding.step-" + changed.status().name().toLowerCase(), "onboarding-step",
                    changed.step(), changed.appId(), details);
        }
    }

    private StepContext context(String appId) {
        Product p = products.find(appId).orElseThrow(() -> new IllegalStateException("product " + appId + " is gone"));
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        for (StepState s : store.steps(appId)) {
            if (s.status() == StepStatus.SUCCEEDED && s.output() != null) {
                outputs.put(s.step(), json.readValue(s.output(), OUTPUT));
            }
        }
        long team = store.workflow(appId).map(OnboardingStore.Workflow::teamId).orElse(p.teamId() == null ? 0 : p.teamId());
        return new StepContext(appId, p.platform(), team, outputs);
    }
}
