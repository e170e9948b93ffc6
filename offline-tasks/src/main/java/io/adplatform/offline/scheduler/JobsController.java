package io.adplatform.offline.scheduler;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Jobs, their run history and manual triggers (internal, {@code X-Service-Token}). */
@RestController
@RequestMapping("/internal/v1/jobs")
@Tag(name = "jobs", description = "Scheduled jobs, their runs, manual triggers")
class JobsController {

    static final int MAX_LIMIT = 500;

    private final JobScheduler scheduler;

    JobsController(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @GetMapping
    @Operation(summary = "Every job: cron, next run, lease holder, last run with its status")
    List<JobScheduler.JobInfo> jobs() {
        return scheduler.jobs();
    }

    @PostMapping("/{name}/runs")
    @Operation(summary = "Trigger a run now (202, QUEUED); optional body {\"parameters\":{\"days\":\"7\"}}")
    ResponseEntity<RunRecord> trigger(@PathVariable String name, @RequestBody(required = false) JsonNode body) {
        requireJob(name);
        RunRecord run = scheduler.trigger(name, TriggerRequest.parameters(body));
        return ResponseEntity.accepted().location(URI.create("/internal/v1/jobs/runs/" + run.id())).body(run);
    }

    @GetMapping("/{name}/runs")
    @Operation(summary = "The job's runs, newest first")
    List<RunRecord> runs(@PathVariable String name, @RequestParam(defaultValue = "20") int limit) {
        requireJob(name);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalid(List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return scheduler.runs(name, limit);
    }

    @GetMapping("/runs/{id}")
    @Operation(summary = "One run")
    RunRecord run(@PathVariable long id) {
        return scheduler.run(id).orElseThrow(() -> ApiProblem.notFound("no run " + id));
    }

    private void requireJob(String name) {
        if (!scheduler.hasJob(name)) {
            throw ApiProblem.notFound("no job " + name);
        }
    }
}
