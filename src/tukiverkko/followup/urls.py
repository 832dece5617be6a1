"""/tehtavat/… (only integer ids in these paths)."""

from django.urls import path

from tukiverkko.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.my_tasks, name="mine"),
    path("<int:task_id>/tehty/", views.mark_done, name="done"),
]
