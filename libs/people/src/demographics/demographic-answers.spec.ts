import { ageRuleProblems, checkConsentStatement, checkDemographicAnswers, isLivedExperience, writeInProblem } from './demographic-answers';
import { PREFER_NOT_TO_SAY } from './demographic-categories';

describe('checkDemographicAnswers', () => {
  it('accepts census answers, "prefer not to say" and questions left out', () => {
    expect(checkDemographicAnswers({ sex: 'Female', ethnicity: 'White: Irish', religion: PREFER_NOT_TO_SAY, mainLanguage: 'Polish', livedExperience: ['carer'] })).toEqual([]);
    expect(checkDemographicAnswers({})).toEqual([]);
  });

  it('names each field with an answer outside its list, and never repeats the answer', () => {
    const problems = checkDemographicAnswers({ ethnicity: 'Martian', disability: 'a bit', mainLanguage: 'x'.repeat(61) });
    expect(problems.map((p) => p.field)).toEqual(['ethnicity', 'disability', 'mainLanguage']);
    expect(JSON.stringify(problems)).not.toMatch(/Martian|a bit/);
  });
});

describe('isLivedExperience', () => {
  it.each([
    [['mental-health', 'carer'], true],
    [[PREFER_NOT_TO_SAY], true],
    [[], true],
    [['carer', PREFER_NOT_TO_SAY], false],
    [['carer', 'carer'], false],
    [['astrology'], false],
    ['carer', false],
  ])('%j → %s', (value, expected) => expect(isLivedExperience(value)).toBe(expected));
});

describe('checkConsentStatement', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('accepts a consent given now or earlier, by a known method', () => {
    expect(checkConsentStatement({ wording: 'I agree', method: 'verbal', givenAt: '2026-11-25T11:00:00Z' }, now)).toEqual([]);
  });
  it('refuses a consent dated in the future, without words, or by an unknown method', () => {
    const problems = checkConsentStatement({ wording: ' ', method: 'telepathy' as never, givenAt: '2026-11-26T12:00:00Z' }, now);
    expect(problems.map((p) => p.field)).toEqual(['consent.wording', 'consent.method', 'consent.givenAt']);
  });
});

describe('write-ins and the age rule', () => {
  it('takes a write-in only beside the answer that asks for one', () => {
    expect(writeInProblem('ethnicityOther', 'Somali', 'Black, Black British, Black Welsh, Caribbean or African: African')).toBeUndefined();
    expect(writeInProblem('ethnicityOther', 'Cornish', 'White: Irish')).toMatchObject({ field: 'ethnicityOther', rule: 'writeInAnswer' });
    expect(writeInProblem('religionOther', 'x'.repeat(101), 'Other religion')).toMatchObject({ rule: 'maxLength' });
    expect(checkDemographicAnswers({ sexualOrientation: 'Bisexual', sexualOrientationOther: 'Pan' }).map((p) => p.field)).toEqual(['sexualOrientationOther']);
  });

  it('asks gender identity and sexual orientation only of people aged 16 and over, as the census did', () => {
    const today = new Date('2026-11-25T12:00:00Z');
    const answers = { genderIdentity: 'Same as sex registered at birth', sexualOrientation: PREFER_NOT_TO_SAY, sex: 'Female' };
    expect(ageRuleProblems(answers, '2010-11-26', today).map((p) => p.field)).toEqual(['genderIdentity', 'sexualOrientation']);
    expect(ageRuleProblems(answers, '2010-11-25', today)).toEqual([]);
    expect(ageRuleProblems(answers, null, today)).toEqual([]);
  });
});
