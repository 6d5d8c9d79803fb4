"""API tokens (issue 15 §2): `POST /api/v1/auth/token` exchanges a username and password for a
token that expires after `CCHC_API_TOKEN_TTL_HOURS`; `GET /api/v1/auth/tokens` lists the
owner's token and `DELETE /api/v1/auth/tokens/<id>` revokes it. A password change or a change
of staff roles revokes the user's tokens (`api.signals`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cchc.core.throttling import ScopedRateThrottle

from .authentication import expires_at, token_id
from .errors import ApiError


class TokenRequest(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class ObtainToken(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=TokenRequest,
        responses={
            200: inline_serializer(
                "TokenResponse",
                {"token": serializers.CharField(), "expires_at": serializers.DateTimeField()},
            )
        },
        summary="Lấy mã truy cập API (token)",
    )
    def post(self, request: Any) -> Response:
        data = TokenRequest(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise ApiError("invalid_credentials", _("Tên đăng nhập hoặc mật khẩu không đúng."), 400)
        token, _created = Token.objects.get_or_create(user=user)
        if expires_at(token) <= timezone.now():
            token.delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key, "expires_at": expires_at(token).isoformat()})


class TokenInfo(serializers.Serializer):
    id = serializers.CharField()
    created = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    current = serializers.BooleanField()


def _owned(request: Any) -> list[Token]:
    return list(Token.objects.filter(user=request.user))


class TokenList(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Các mã truy cập API của tôi", responses={200: TokenInfo(many=True)})
    def get(self, request: Any) -> Response:
        current = request.auth.key if isinstance(request.auth, Token) else None
        return Response(
            [
                {
                    "id": token_id(t),
                    "created": t.created,
                    "expires_at": expires_at(t),
                    "current": t.key == current,
                }
                for t in _owned(request)
            ]
        )


class TokenRevoke(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Thu hồi một mã truy cập API của tôi", responses={204: None})
    def delete(self, request: Any, token: str) -> Response:
        for owned in _owned(request):
            if token_id(owned) == token:
                owned.delete()
                return Response(status=204)
        raise ApiError("not_found", _("Không tìm thấy mã truy cập."), 404)
