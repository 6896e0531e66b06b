from django.urls import path

from . import admin_views

app_name = "handbooks_admin"

urlpatterns = [
    path("", admin_views.HandbooksIndexView.as_view(), name="index"),
    path("utworz-wariant/", admin_views.create_variant, name="create_variant"),
    path("wariant/<int:variant_id>/", admin_views.VariantView.as_view(), name="variant"),
    path(
        "wariant/<int:variant_id>/dodaj-rozdzial-modelu/",
        admin_views.add_model_chapter,
        name="add_model_chapter",
    ),
    path("rozdzial/<int:page_id>/zmiany/", admin_views.ChangesView.as_view(), name="changes"),
    path("rozdzial/<int:page_id>/<slug:action>/", admin_views.chapter_action, name="action"),
]
