from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponseBase
from django.views.decorators.http import require_http_methods
from django_otp.forms import OTPAuthenticationForm


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponseBase:
    """Password, and when two-factor login is on, a one-time code from the user's device."""
    view = auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=OTPAuthenticationForm if settings.REQUIRE_2FA else None,
        redirect_authenticated_user=True,
    )
    return view(request)


@require_http_methods(["GET", "POST"])
def logout(request: HttpRequest) -> HttpResponseBase:
    if request.method == "GET":
        from django.shortcuts import render

        return render(request, "accounts/logout_confirm.html")
    return auth_views.LogoutView.as_view(next_page="core:home")(request)
