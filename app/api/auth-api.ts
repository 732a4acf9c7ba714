/**
 * The account routes of the sync server (`/api/auth/*`, `/api/invitations/accept`) over the app's
 * transport (app/api/http.ts), so every failure is an `ApiError` or an `UnreachableError`.
 * Nothing here touches the session store: callers decide what a profile or a 401 means.
 */
import type {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  ChangePasswordResponse,
  LoginRequest,
  Profile,
  RegisterRequest,
} from '../../domain/account-protocol';
import { ApiError, createHttpClient, type HttpOptions } from './http';

export type AuthApi = {
  register(body: RegisterRequest): Promise<Profile>;
  login(body: LoginRequest): Promise<Profile>;
  /** Ends the session; an already ended one (401) counts as done. */
  logout(): Promise<void>;
  me(): Promise<Profile>;
  changePassword(body: ChangePasswordRequest): Promise<ChangePasswordResponse>;
  acceptInvitation(body: AcceptInvitationRequest): Promise<Profile>;
};

export function createAuthApi(options: HttpOptions = {}): AuthApi {
  const http = createHttpClient(options);
  return {
    register: (body) => http.post<Profile>('/api/auth/register', body),
    login: (body) => http.post<Profile>('/api/auth/login', body),
    async logout() {
      try {
        await http.post<void>('/api/auth/logout');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return;
        throw error;
      }
    },
    me: () => http.get<Profile>('/api/auth/me'),
    changePassword: (body) => http.post<ChangePasswordResponse>('/api/auth/password', body),
    acceptInvitation: (body) => http.post<Profile>('/api/invitations/accept', body),
  };
}

/** The account routes of the server that served the page. */
export const authApi: AuthApi = createAuthApi();

/** Whether the server said the session is gone (expired, revoked, or never there). */
export function isSignedOutError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code === 'not-signed-in';
}
