"""Under the case: /asiakkaat/asiakkuus/<case_id>/suunnitelma/… (only integer ids)."""

from django.urls import path

from tukiverkko.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_detail, name="detail"),
    path("aloita/", views.plan_create, name="create"),
    path("muokkaa/", views.plan_edit, name="edit"),
    path("sovi/", views.plan_agree, name="agree"),
    path("tavoite/<int:goal_id>/arvioi/", views.goal_review, name="review"),
    path("versiot/", views.plan_versions, name="versions"),
    path("vertaa/", views.plan_compare, name="diff"),
    path("tulosta/", views.plan_print, name="print"),
    path("pdf/", views.plan_pdf, name="pdf"),
]
