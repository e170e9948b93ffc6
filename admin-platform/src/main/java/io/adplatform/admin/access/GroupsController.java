package io.adplatform.admin.access;

import io.adplatform.admin.identity.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Project groups, the products in them and their members' roles. */
@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "groups", description = "Project groups, their products, members and roles")
class GroupsController {

    private final Groups groups;

    GroupsController(Groups groups) {
        this.groups = groups;
    }

    record NewGroup(String name) {
    }

    record ProductRef(String appId) {
    }

    record MemberGrants(List<Memberships.Grant> grants) {
    }

    @GetMapping
    @Operation(summary = "Groups of the team (team admin) or those one belongs to")
    List<Groups.GroupView> list(@AuthenticationPrincipal Operator op) {
        return groups.list(op);
    }

    @PostMapping
    @Operation(summary = "Create a project group (team admin)")
    ResponseEntity<Groups.GroupView> create(@AuthenticationPrincipal Operator op, @RequestBody NewGroup body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(groups.create(op, body.name()));
    }

    @GetMapping("/{groupId}")
    @Operation(summary = "One group")
    Groups.GroupView get(@AuthenticationPrincipal Operator op, @PathVariable long groupId) {
        return groups.get(op, groupId);
    }

    @PostMapping("/{groupId}/products")
    @Operation(summary = "Take a catalog product into the group or move it here (team admin); members with "
            + "hasAllApps gain it at once")
    Map<String, Integer> addProduct(@AuthenticationPrincipal Operator op, @PathVariable long groupId,
                                    @RequestBody ProductRef body) {
        return Map.of("membersGained", groups.addProduct(op, groupId, body.appId()));
    }

    @DeleteMapping("/{groupId}/products/{appId}")
    @Operation(summary = "Take a product out of the group (team admin); every access to it through the group ends")
    ResponseEntity<Void> removeProduct(@AuthenticationPrincipal Operator op, @PathVariable long groupId,
                                       @PathVariable String appId) {
        groups.removeProduct(op, groupId, appId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{groupId}/members")
    @Operation(summary = "Members and their roles (team admin or group admin)")
    List<Memberships.Member> members(@AuthenticationPrincipal Operator op, @PathVariable long groupId) {
        return groups.members(op, groupId);
    }

    @PutMapping("/{groupId}/members/{userId}")
    @Operation(summary = "Set a user's roles in the group (team admin or group admin); empty grants remove the user")
    MemberGrants putMember(@AuthenticationPrincipal Operator op, @PathVariable long groupId, @PathVariable long userId,
                           @RequestBody MemberGrants body) {
        return new MemberGrants(groups.putMember(op, groupId, userId, body.grants() == null ? List.of() : body.grants()));
    }

    @DeleteMapping("/{groupId}/members/{userId}")
    @Operation(summary = "Remove a user from the group")
    ResponseEntity<Void> removeMember(@AuthenticationPrincipal Operator op, @PathVariable long groupId,
                                      @PathVariable long userId) {
        groups.putMember(op, groupId, userId, List.of());
        return ResponseEntity.noContent().build();
    }
}
