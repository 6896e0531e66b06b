"""Remove the "Editors" and "Moderators" groups that a Wagtail install creates.

Wagtail gives them add, change and publish permissions on the tree root, which here means
on every municipality, and permissions on the root collection, which means every
municipality's images and documents. The portal's groups come from onboarding (one pair
per municipality, and GZM's network admins); these two have no place in it.

Wagtail's default workflow, "Moderators approval", is bound to the root page and has the
Moderators group as its only approver. Without the group nobody could approve it, so the
binding goes too: the network's pages are published by GZM's network admins, and each
municipality's pages have their own workflow from onboarding.

Backwards is a no-op: the groups are not recreated.
"""

from django.db import migrations

DEFAULT_GROUPS = ["Editors", "Moderators"]


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    groups = Group.objects.filter(name__in=DEFAULT_GROUPS)
    # Tasks that only these groups approve; they would be left with no approver.
    orphaned_tasks = [
        task.pk
        for task in GroupApprovalTask.objects.filter(groups__in=groups).distinct()
        if not task.groups.exclude(name__in=DEFAULT_GROUPS).exists()
    ]
    WorkflowPage.objects.filter(
        page__depth=1, workflow__workflow_tasks__task__in=orphaned_tasks
    ).delete()
    # Page, collection and model permissions of the groups go with them.
    groups.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0006_call_contact_person"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # The last migrations that look these groups up or give them permissions.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [
        migrations.RunPython(remove_default_groups, migrations.RunPython.noop),
    ]
