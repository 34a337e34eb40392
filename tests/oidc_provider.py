"""A small OpenID Connect provider for tests: a real HTTP server on 127.0.0.1, in a thread.

It serves discovery, JWKS, an authorization endpoint with a tiny login page (one email field),
a token endpoint (authorization code with PKCE S256 and client_secret_post), userinfo and an
end-session endpoint. ID tokens are real RS256 JWTs signed with an RSA key made at start-up
(``cryptography``); nothing of mozilla-django-oidc is mocked.

Tests change what the next token says with ``provider.next_token(...)``: extra or changed
claims (``aud="someone-else"``, ``exp=...``, ``email_verified=False``) or
``sign_with_other_key=True``. The addresses signed out are in ``provider.ended_sessions``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "partnership-assessment-tests"
CLIENT_SECRET = "test-client-secret"
KEY_ID = "test-key-1"


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    code_challenge: str
    email: str


@dataclass
class OIDCProvider:
    """The provider's state; ``url`` is its issuer once ``start()`` has run."""

    url: str = ""
    key: object = field(default_factory=_new_key)
    other_key: object = field(default_factory=_new_key)
    grants: dict = field(default_factory=dict)  # code -> Grant
    access_tokens: dict = field(default_factory=dict)  # access token -> claims
    overrides: dict = field(default_factory=dict)  # for the next token only
    sign_with_other_key: bool = False
    ended_sessions: list = field(default_factory=list)  # id_token_hint claims
    token_requests: int = 0

    def next_token(self, *, sign_with_other_key: bool = False, **claims) -> None:
        """The next ID token has these claims changed (None removes one)."""
        self.overrides = claims
        self.sign_with_other_key = sign_with_other_key

    def reset(self) -> None:
        self.overrides = {}
        self.sign_with_other_key = False
        self.ended_sessions.clear()

    # -- protocol --

    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "end_session_endpoint": f"{self.url}/end-session",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}

    def claims_for(self, grant: Grant) -> dict:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": grant.client_id,
            "sub": "sub-" + hashlib.sha256(grant.email.lower().encode()).hexdigest()[:16],
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            "email": grant.email,
            "email_verified": True,
        }
        claims.update(self.overrides)
        return {name: value for name, value in claims.items() if value is not None}

    def sign(self, claims: dict) -> str:
        key = self.other_key if self.sign_with_other_key else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})

    def start(self) -> OIDCProvider:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test NHS sign-in</title></head>
<body><main><h1>Test NHS sign-in</h1>
<form method="post" action="/authorize">{hidden}
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email">
<button type="submit">Continue</button>
</form></main></body></html>"""


def _handler_for(provider: OIDCProvider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - quiet in tests
            pass

        def _send(self, status, body=b"", content_type="application/json", headers=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, data, status=200):
            self._send(status, json.dumps(data).encode())

        def _redirect(self, location):
            self._send(302, headers=[("Location", location)], content_type="text/plain")

        def _form(self) -> dict:
            length = int(self.headers.get("Content-Length") or 0)
            data = parse_qs(self.rfile.read(length).decode())
            return {name: values[0] for name, values in data.items()}

        def do_GET(self):
            parts = urlsplit(self.path)
            query = {name: values[0] for name, values in parse_qs(parts.query).items()}
            if parts.path == "/.well-known/openid-configuration":
                return self._json(provider.discovery())
            if parts.path == "/jwks":
                return self._json(provider.jwks())
            if parts.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                    return self._json({"error": "invalid_request"}, status=400)
                hidden = "".join(
                    f'<input type="hidden" name="{html.escape(name)}" value="{html.escape(value)}">'
                    for name, value in query.items()
                )
                return self._send(200, LOGIN_PAGE.format(hidden=hidden).encode(), "text/html")
            if parts.path == "/userinfo":
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                claims = provider.access_tokens.get(token)
                if claims is None:
                    return self._json({"error": "invalid_token"}, status=401)
                return self._json(
                    {"sub": claims["sub"], "given_name": "Test", "family_name": "Person"}
                )
            if parts.path == "/end-session":
                hint = query.get("id_token_hint", "")
                provider.ended_sessions.append(
                    jwt.decode(hint, options={"verify_signature": False})
                )
                return self._redirect(query.get("post_logout_redirect_uri", provider.url))
            return self._json({"error": "not_found"}, status=404)

        def do_POST(self):
            form = self._form()
            if self.path == "/authorize":
                code = secrets.token_urlsafe(16)
                provider.grants[code] = Grant(
                    client_id=form["client_id"],
                    redirect_uri=form["redirect_uri"],
                    nonce=form.get("nonce", ""),
                    code_challenge=form.get("code_challenge", ""),
                    email=form["email"],
                )
                query = urlencode({"code": code, "state": form["state"]})
                return self._redirect(f"{form['redirect_uri']}?{query}")
            if self.path == "/token":
                provider.token_requests += 1
                grant = provider.grants.pop(form.get("code", ""), None)
                verifier = form.get("code_verifier", "")
                challenge = (
                    base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                    .rstrip(b"=")
                    .decode()
                )
                if (
                    grant is None
                    or form.get("client_id") != CLIENT_ID
                    or form.get("client_secret") != CLIENT_SECRET
                    or form.get("redirect_uri") != grant.redirect_uri
                    or challenge != grant.code_challenge
                ):
                    return self._json({"error": "invalid_grant"}, status=400)
                claims = provider.claims_for(grant)
                access_token = secrets.token_urlsafe(16)
                provider.access_tokens[access_token] = claims
                return self._json(
                    {
                        "access_token": access_token,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.sign(claims),
                    }
                )
            return self._json({"error": "not_found"}, status=404)

    return Handler
