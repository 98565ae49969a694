// Staff sign-in for the gateway's pages: the OAuth2 authorization-code flow with PKCE against the
// gateway's own authorization server (public client "gateway-console", registered when
// gateway.staff.console.redirect-uris lists the page). The person signs in on the gateway's page;
// the token comes back to this page's memory only and is gone with the tab.
window.StaffSignIn = (function () {
  'use strict';
  const CLIENT_ID = 'gateway-console';
  const PENDING = 'staff-sign-in';

  function redirectUri() {
    return location.origin + location.pathname;
  }

  function base64url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString() {
    return base64url(crypto.getRandomValues(new Uint8Array(32)));
  }

  return {
    /**
     * The authorization server accepts a loopback page address on any port, but not by the name
     * "localhost": reopens the page on 127.0.0.1 and says true when it does.
     */
    reopenOnLoopbackAddress() {
      if (location.hostname !== 'localhost') {
        return false;
      }
      location.replace(location.href.replace('//localhost', '//127.0.0.1'));
      return true;
    },

    /** Goes to the gateway's sign-in, asking for {@code scope}. */
    async start(scope) {
      const verifier = randomString();
      const state = randomString();
      sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
      const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
      location.assign('/oauth2/authorize?' + new URLSearchParams({
        response_type: 'code', client_id: CLIENT_ID, scope, redirect_uri: redirectUri(),
        code_challenge: challenge, code_challenge_method: 'S256', state
      }));
    },

    /**
     * When the page is the authorization server's answer: trades the code (with the PKCE verifier)
     * for a token holding {@code scope}, and returns { who, token }; null when it is not an answer.
     */
    async complete(scope) {
      const params = new URLSearchParams(location.search);
      if (!params.has('code') && !params.has('error')) {
        return null;
      }
      const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
      sessionStorage.removeItem(PENDING);
      history.replaceState(null, '', location.pathname);
      if (params.has('error')) {
        throw new Error(params.get('error_description') || params.get('error'));
      }
      if (!pending || pending.state !== params.get('state')) {
        throw new Error('the answer does not belong to a sign-in started here; sign in again');
      }
      const response = await fetch('/oauth2/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
          client_id: CLIENT_ID, code_verifier: pending.verifier
        })
      });
      if (!response.ok) {
        throw new Error('the gateway refused the sign-in (' + response.status + ')');
      }
      const token = (await response.json()).access_token;
      const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      if (!(claims.scope || []).includes(scope)) {
        throw new Error(claims.sub + ' does not hold ' + scope);
      }
      return { who: claims.sub, token };
    },

    /**
     * Wires a page's sign-in: the button #sign-in-button, the link #sign-out and the status line
     * #sign-in-status. Once signed in, hands the token to {@code useToken} and shows the sections
     * whose ids are given.
     */
    attach(scope, sections, useToken) {
      const $ = (id) => document.getElementById(id);
      const status = $('sign-in-status');
      $('sign-in-button').addEventListener('click', () => this.start(scope));
      this.complete(scope).then((signedIn) => {
        if (!signedIn) {
          return;
        }
        useToken(signedIn.token);
        status.textContent = 'Signed in as ' + signedIn.who + '.';
        $('sign-in-button').hidden = true;
        $('sign-out').hidden = false;
        sections.forEach((id) => { $(id).hidden = false; });
      }).catch((e) => {
        status.textContent = 'Sign-in failed: ' + e.message;
        status.className = 'error';
      });
    }
  };
}());
