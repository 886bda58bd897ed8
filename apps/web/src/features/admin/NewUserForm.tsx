import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formProblem } from './formProblem.ts';
import { GrantsFields, type Grants } from './GrantsFields.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { useCreateUser } from './userQueries.ts';

const freshGrants: Grants = { role: 'dispatcher', districts: [] };

/**
 * A new account: the server chooses a one-time password, shown here once, which its
 * holder replaces at the first sign-in.
 */
export function NewUserForm() {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [grants, setGrants] = useState<Grants>(freshGrants);
  const [problem, setProblem] = useState<string | null>(null);
  const alertId = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const text = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    setProblem(null);
    create.mutate(
      { username: text('username'), displayName: text('displayName') || undefined, ...grants },
      {
        onSuccess: () => {
          form.reset();
          setGrants(freshGrants);
        },
        onError: (error) => setProblem(formProblem(error, t)),
      },
    );
  }

  return (
    <section className="panel" aria-labelledby={`${alertId}-heading`}>
      <h2 id={`${alertId}-heading`}>{t('users.newTitle')}</h2>
      <form className="inline-form" noValidate onSubmit={handleSubmit} aria-busy={create.isPending}>
        <label className="field">
          <span className="field__label">{t('users.username')}</span>
          <input
            name="username"
            autoComplete="off"
            spellCheck={false}
            required
            aria-invalid={problem !== null}
            aria-describedby={problem ? alertId : undefined}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('users.displayName')}</span>
          <input name="displayName" autoComplete="off" />
        </label>
        <GrantsFields value={grants} onChange={setGrants} />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('users.create')}
        </button>
      </form>
      <div id={alertId} role="alert" className="form-alert">
        {problem}
      </div>
      {create.data && (
        <OneTimePassword
          username={create.data.user.username}
          password={create.data.oneTimePassword}
        />
      )}
    </section>
  );
}
