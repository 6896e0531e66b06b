"""Calls for applications (nabory wniosków): the pages, the status rule, the filter form,
the feeds and the template filters. The models are registered through
``municipalities.models``."""
