"""The lifecycle of a framework version in the admin: publish, new draft and retire, each
through the services; publish and retire only after a confirmation page (with, for publish,
what changed since the version before); and the page comparing any two versions of one
framework (docs/adr/0014-version-differences-and-confirmation.md)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from frameworks import services
from frameworks.content_diff import VersionDiff, compare
from frameworks.content_format import framework_to_data
from frameworks.models import Framework

CONFIRM = "confirm"  # the POST field a confirmation page sends; without it nothing happens


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def version_before(framework: Framework) -> Framework | None:
    """What a version is compared with by default: the version it was copied from, else the
    highest lower version of the same framework."""
    if framework.previous_version_id is not None:
        return framework.previous_version
    return (
        Framework.objects.filter(slug=framework.slug, version__lt=framework.version)
        .order_by("-version")
        .first()
    )


def differences(older: Framework, newer: Framework) -> VersionDiff:
    return compare(framework_to_data(older), framework_to_data(newer))


class LifecycleAdminMixin:
    """For FrameworkAdmin: the lifecycle views, their confirmation pages and the compare page.
    Needs ``self._framework_or_404`` and ``self._change_url`` from the model admin."""

    def lifecycle_urls(self):
        view = self.admin_site.admin_view
        name = "frameworks_framework_"
        return [
            path("<path:object_id>/publish/", view(self.publish_view), name=name + "publish"),
            path("<path:object_id>/new-draft/", view(self.new_draft_view), name=name + "new_draft"),
            path("<path:object_id>/retire/", view(self.retire_view), name=name + "retire"),
            path("<path:object_id>/compare/", view(self.compare_view), name=name + "compare"),
        ]

    def _framework_or_404(self, request, object_id) -> Framework:
        framework = self.get_object(request, unquote(object_id))
        if framework is None:
            raise Http404("No such framework version.")
        return framework

    def _change_url(self, framework: Framework) -> str:
        return reverse("admin:frameworks_framework_change", args=[framework.pk])

    def _lifecycle_step(self, request, object_id, *, permission, step, done, confirm=None):
        """Run ``step`` on a POST; with ``confirm`` (a function giving the confirmation page's
        context), a GET or an unconfirmed POST shows that page and changes nothing."""
        allowed = ["GET", "POST"] if confirm else ["POST"]
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        if not request.user.has_perm(f"frameworks.{permission}_framework"):
            raise PermissionDenied
        framework = self._framework_or_404(request, object_id)
        if confirm and request.POST.get(CONFIRM) != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": framework,
                **confirm(framework),
            }
            return TemplateResponse(
                request, "admin/frameworks/framework/confirm_lifecycle.html", context
            )
        try:
            result = step(framework=framework, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return redirect(self._change_url(framework))
        self.message_user(request, done(result), messages.SUCCESS)
        return redirect(self._change_url(result))

    def _confirm_publish(self, framework: Framework) -> dict:
        before = version_before(framework)
        return {
            "title": f"Publish {framework.title}, version {framework.version}?",
            "step": "publish",
            "button": f"Yes, publish version {framework.version}",
            "action_url": reverse("admin:frameworks_framework_publish", args=[framework.pk]),
            "problems": services.publish_problems(framework) if framework.is_draft else [],
            "before": before,
            "diff": differences(before, framework) if before is not None else None,
        }

    def _confirm_retire(self, framework: Framework) -> dict:
        # What new rounds would use once this one is retired.
        other = (
            Framework.objects.published()
            .filter(slug=framework.slug)
            .exclude(pk=framework.pk)
            .order_by("-version")
            .first()
        )
        return {
            "title": f"Retire {framework.title}, version {framework.version}?",
            "step": "retire",
            "button": f"Yes, retire version {framework.version}",
            "action_url": reverse("admin:frameworks_framework_retire", args=[framework.pk]),
            "rounds": framework.rounds.count(),
            "responses": framework.responses.count(),
            "other_published": other,
        }

    def publish_view(self, request, object_id):
        def publish(*, framework, actor):
            try:
                return services.publish_version(framework=framework, actor=actor)
            except ValidationError as error:
                if any(e.code == "incomplete" for e in error.error_list):
                    raise ValidationError(
                        f"Version {framework.version} cannot be published yet: fix the "
                        f"{_plural(len(error.messages), 'problem')} listed under "
                        "‘Before publishing’."
                    ) from error
                raise

        return self._lifecycle_step(
            request,
            object_id,
            permission="change",
            step=publish,
            done=lambda f: f"Published version {f.version}: new rounds can use it now.",
            confirm=self._confirm_publish,
        )

    def new_draft_view(self, request, object_id):
        return self._lifecycle_step(
            request,
            object_id,
            permission="add",
            step=services.new_draft_version,
            done=lambda f: (
                f"Version {f.version} is a new draft copied from version "
                f"{f.previous_version.version}. Edit it, preview it, then publish it."
            ),
        )

    def retire_view(self, request, object_id):
        return self._lifecycle_step(
            request,
            object_id,
            permission="change",
            step=services.retire_version,
            done=lambda f: (
                f"Retired version {f.version}: new rounds will not offer it. "
                "Rounds that use it, and their reports, are unchanged."
            ),
            confirm=self._confirm_retire,
        )

    def compare_view(self, request, object_id):
        """This version beside another of the same framework (``?with=<id>``; by default the
        version before it): framework fields, score bands, dimensions and items."""
        framework = self._framework_or_404(request, object_id)
        if not self.has_view_permission(request, framework):
            raise PermissionDenied
        versions = list(Framework.objects.filter(slug=framework.slug).order_by("version"))
        chosen = request.GET.get("with")
        other = next((v for v in versions if str(v.pk) == chosen), None)
        if chosen and other is None:
            self.message_user(
                request, "Choose another version of this framework to compare.", messages.ERROR
            )
        if other is None or other.pk == framework.pk:
            other = version_before(framework)
        older, newer = (
            (other, framework)
            if other is None or other.version < framework.version
            else (framework, other)
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Differences: {framework.title}",
            "opts": self.model._meta,
            "original": framework,
            "versions": [v for v in versions if v.pk != framework.pk],
            "older": older,
            "newer": newer,
            "other": other,
            "diff": differences(older, newer) if older is not None else None,
        }
        return TemplateResponse(request, "admin/frameworks/framework/compare.html", context)

    # List actions: publish and retire ask first, like Django's "delete selected".

    def _confirm_each(self, request, queryset, *, action, verb, step, done):
        if request.POST.get(CONFIRM) != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": f"{verb.capitalize()} {_plural(queryset.count(), 'version')}?",
                "opts": self.model._meta,
                "frameworks": list(queryset.order_by("slug", "version")),
                "action": action,
                "verb": verb,
                "selected": [str(pk) for pk in queryset.values_list("pk", flat=True)],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/frameworks/framework/confirm_action.html", context
            )
        for framework in queryset.order_by("slug", "version"):
            try:
                result = step(framework=framework, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"{framework.title} version {framework.version}: " + " ".join(error.messages),
                    messages.ERROR,
                )
            else:
                self.message_user(request, done(result), messages.SUCCESS)
        return None

    @admin.action(description="Publish the selected drafts", permissions=["change"])
    def publish_selected(self, request, queryset):
        return self._confirm_each(
            request,
            queryset,
            action="publish_selected",
            verb="publish",
            step=services.publish_version,
            done=lambda f: f"Published {f.title} version {f.version}.",
        )

    @admin.action(description="Retire the selected published versions", permissions=["change"])
    def retire_selected(self, request, queryset):
        return self._confirm_each(
            request,
            queryset,
            action="retire_selected",
            verb="retire",
            step=services.retire_version,
            done=lambda f: f"Retired {f.title} version {f.version}.",
        )
