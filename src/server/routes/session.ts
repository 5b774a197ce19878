// Signing in and out: login (password, TOTP, lockout — all in the store), logout, who am I, change password.
import { z } from 'zod';
import { authenticateSession, changePassword, login, revokeSession, verifyPassword } from '../../store/index.ts';
import { accountOf, passwordHashOf } from '../data/accounts.ts';
import { ApiProblem, retryAfterSeconds } from '../problem.ts';
import { defineRoute } from '../route.ts';

const loginBody = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
  totp: z
    .string()
    .regex(/^[0-9 ]{6,10}$/)
    .optional(),
});

const passwordBody = z.strictObject({
  current_password: z.string().min(1).max(1000),
  new_password: z.string().min(12).max(1000),
});

export const sessionRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/login',
    access: 'public',
    summary: 'Sign in with user name, password and (when enrolled) a TOTP code',
    body: loginBody,
    responds: '{ token, expires_at, must_change_password, user }',
    handler: async ({ store, state, body, clientAddress, now }) => {
      const result = await login(
        store,
        {
          username: body.username,
          password: body.password,
          ...(body.totp === undefined ? {} : { totpCode: body.totp }),
          clientAddress,
          now,
        },
        ...(state.loginLimits === undefined ? [] : [state.loginLimits]),
      );
      if (!result.ok) {
        const e = result.error;
        switch (e.kind) {
          case 'invalid-credentials':
            throw new ApiProblem('invalid-credentials', 'wrong user name, password or code');
          case 'second-factor-required':
            throw new ApiProblem('totp-required', 'enter the code from your authenticator app');
          case 'locked':
            throw new ApiProblem('locked', `account locked until ${e.until.toISOString()}`, {
              headers: { 'Retry-After': retryAfterSeconds(e.until, now) },
            });
          case 'rate-limited':
            throw new ApiProblem('rate-limited', `too many attempts from this address`, {
              headers: { 'Retry-After': retryAfterSeconds(e.retryAfter, now) },
            });
        }
      }
      const user = await accountOf(store, result.value.userId);
      return {
        json: {
          token: result.value.token,
          expires_at: result.value.expiresAt.toISOString(),
          must_change_password: result.value.mustChangePassword,
          user,
        },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/logout',
    access: 'signed-in',
    summary: 'End this session',
    responds: '204',
    handler: async ({ store, token }) => {
      if (token !== undefined) await revokeSession(store, token);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/me',
    access: 'signed-in',
    summary: 'The signed-in user',
    responds: '{ user: { id, username, role, organisation_id, organisation_name }, must_change_password }',
    handler: async ({ store, actor, token, now }) => {
      const session = await authenticateSession(store, token ?? '', now);
      return {
        json: {
          user: await accountOf(store, actor?.userId ?? ''),
          must_change_password: session.ok && session.value.mustChangePassword,
        },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/password',
    access: 'signed-in',
    summary: 'Change your password (required after a one-time password); ends every session of the user',
    body: passwordBody,
    responds: '204; sign in again with the new password',
    handler: async ({ store, actor, body, now }) => {
      const userId = actor?.userId ?? '';
      const hash = await passwordHashOf(store, userId);
      if (hash === undefined || !(await verifyPassword(body.current_password, hash)))
        throw new ApiProblem('invalid-credentials', 'the current password is wrong');
      await changePassword(store, userId, body.new_password, now);
      return { status: 204 };
    },
  }),
];
