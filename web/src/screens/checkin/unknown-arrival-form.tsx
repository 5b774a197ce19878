// Someone who is on no list arrives: record what is known for later matching (queued on the device like check-ins).
import { useState } from 'preact/hooks';
import { t } from '../../state/language.ts';
import { enqueueArrival, newId } from './event-queue.ts';

export function UnknownArrivalForm({ place, onQueued }: { place: string; onQueued: () => void }) {
  const [open, setOpen] = useState(false);
  const [given, setGiven] = useState('');
  const [family, setFamily] = useState('');
  const [arabic, setArabic] = useState('');
  const [age, setAge] = useState('');
  const [sex, setSex] = useState('');
  const [persons, setPersons] = useState('1');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!given.trim() && !family.trim() && !arabic.trim() && !note.trim()) return setMissing(true);
    const ageYears = Number.parseInt(age, 10);
    const count = Math.max(1, Number.parseInt(persons, 10) || 1);
    enqueueArrival({
      id: newId(),
      place,
      at: new Date().toISOString(),
      persons: count,
      ...(given.trim() ? { given_name: given.trim() } : {}),
      ...(family.trim() ? { family_name: family.trim() } : {}),
      ...(arabic.trim() ? { name_arabic: arabic.trim() } : {}),
      ...(Number.isInteger(ageYears) && ageYears >= 0 && ageYears <= 120 ? { approx_age: ageYears } : {}),
      ...(sex === 'M' || sex === 'F' || sex === 'X' ? { sex } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    for (const reset of [setGiven, setFamily, setArabic, setAge, setSex, setNote]) reset('');
    setPersons('1');
    setMissing(false);
    setOpen(false);
    onQueued();
  };

  if (!open)
    return (
      <button type="button" data-testid="checkin-unknown-open" onClick={() => setOpen(true)}>
        {t('checkin.unknown.open')}
      </button>
    );
  return (
    <form class="checkin-unknown" data-testid="checkin-unknown-form" onSubmit={submit}>
      <h4>{t('checkin.unknown.title')}</h4>
      <p class="muted">{t('checkin.unknown.intro')}</p>
      <label>
        {t('checkin.unknown.givenName')}{' '}
        <input dir="auto" name="given_name" value={given} onInput={(e) => setGiven(e.currentTarget.value)} />
      </label>{' '}
      <label>
        {t('checkin.unknown.familyName')}{' '}
        <input dir="auto" name="family_name" value={family} onInput={(e) => setFamily(e.currentTarget.value)} />
      </label>{' '}
      <label>
        {t('checkin.unknown.nameArabic')}{' '}
        <input
          dir="rtl"
          lang="ar"
          name="name_arabic"
          value={arabic}
          onInput={(e) => setArabic(e.currentTarget.value)}
        />
      </label>{' '}
      <label>
        {t('checkin.unknown.age')}{' '}
        <input
          type="number"
          min={0}
          max={120}
          name="approx_age"
          value={age}
          onInput={(e) => setAge(e.currentTarget.value)}
        />
      </label>{' '}
      <label>
        {t('checkin.unknown.sex')}{' '}
        <select name="sex" value={sex} onChange={(e) => setSex(e.currentTarget.value)}>
          <option value="">–</option>
          <option value="F">{t('checkin.unknown.sexF')}</option>
          <option value="M">{t('checkin.unknown.sexM')}</option>
          <option value="X">{t('checkin.unknown.sexX')}</option>
        </select>
      </label>{' '}
      <label>
        {t('checkin.unknown.persons')}{' '}
        <input
          type="number"
          min={1}
          max={100}
          name="persons"
          value={persons}
          onInput={(e) => setPersons(e.currentTarget.value)}
        />
      </label>{' '}
      <label>
        {t('checkin.unknown.note')}{' '}
        <input dir="auto" name="note" maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>{' '}
      <button type="submit" class="primary" data-testid="checkin-unknown-record">
        {t('checkin.unknown.record')}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        {t('checkin.unknown.cancel')}
      </button>
      {missing ? (
        <p class="problem" role="alert">
          {t('checkin.unknown.needName')}
        </p>
      ) : null}
      <p class="muted">{t('checkin.exception.noteSealed')}</p>
    </form>
  );
}
