import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { actorFromRequest } from '../audit/actor.ts';
import type { AuthService } from './auth.service.ts';

/** A passport instance of our own (not the global singleton), so tests can build several apps. */
export function createPassport(authService: AuthService): InstanceType<typeof Passport> {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ passReqToCallback: true }, (req, username, password, done) => {
      authService
        .authenticate(username, password, actorFromRequest(req))
        // What is still owed (a second factor) travels as passport's `info`.
        .then((accepted) =>
          accepted
            ? done(null, accepted.user, { secondFactor: accepted.secondFactor } as never)
            : done(null, false),
        )
        .catch(done);
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: string, done) => {
    // A disabled or deleted account ends the session on its next request.
    authService
      .sessionUser(id)
      .then((user) => done(null, user ?? false))
      .catch(done);
  });
  return passport;
}
