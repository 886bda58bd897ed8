import type { RequestHandler } from 'express';
import { defineAbilityFor, type AppAbility } from '@watchfloor/authz';
import { createMongoAbility } from '@casl/ability';
import { unauthenticated } from '../../http/errors.ts';

const nothingAllowed: AppAbility = createMongoAbility([]);

/** Builds `req.ability` from the signed-in user (deny everything when signed out). */
export const attachAbility: RequestHandler = (req, _res, next) => {
  req.ability = req.user ? defineAbilityFor(req.user) : nothingAllowed;
  next();
};

/** Refuses signed-out requests with 401. */
export const requireUser: RequestHandler = (req, _res, next) => {
  next(req.user ? undefined : unauthenticated());
};
