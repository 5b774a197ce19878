// An API problem shown in the user's language, with row issues as file:row:column when the server sent them.
import type { Problem } from '../api/client.ts';
import { t } from '../state/language.ts';

export function problemText(problem: Problem): string {
  const key = `errors.${problem.code}`;
  const text = t(key, { code: problem.code });
  return text === key ? t('errors.unknown', { code: problem.code }) : text;
}

export function ProblemMessage({ problem }: { problem: Problem }) {
  return (
    <div class="problem" role="alert">
      <p>{problemText(problem)}</p>
      {problem.issues?.length ? <IssueList issues={problem.issues} /> : null}
    </div>
  );
}

export interface Issue {
  readonly file?: string | undefined;
  readonly row?: number | undefined;
  readonly column?: string | undefined;
  readonly path?: string | undefined;
  readonly message: string;
}

/** `file:row:column message`, the form spreadsheet users and editors both understand. */
export function issueLocation(issue: Issue): string {
  return (
    [issue.file, issue.row, issue.column].filter((p) => p !== undefined && p !== '').join(':') || (issue.path ?? '')
  );
}

export function IssueList({ issues }: { issues: readonly Issue[] }) {
  return (
    <ul class="issues">
      {issues.map((issue, i) => (
        <li key={i}>
          <code dir="ltr">{issueLocation(issue)}</code> <span>{issue.message}</span>
        </li>
      ))}
    </ul>
  );
}
