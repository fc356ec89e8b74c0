/**
 * The checks of the bodies no element reads: what a client sends to log in or to get a
 * token, and the token it gets back. The server and portals use them; their compiled
 * schema is a module of its own (`generated/other-validators.js`), so that the validators
 * every page loads beside its first request do not carry it.
 */
import * as compiled from './generated/other-validators.js';
import type { LoginRequest, Token, TokenRequest } from './api.js';
import { make, type Validator } from './validate.js';

export const validateLoginRequest: Validator<LoginRequest> = make('login', compiled.validateLoginRequest);
export const validateTokenRequest: Validator<TokenRequest> = make('tokenRequest', compiled.validateTokenRequest);
export const validateToken: Validator<Token> = make('token', compiled.validateToken);
