// The 2018 quota priors read from the real UNHCR file match the figures its SOURCE.md states.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { quotaPriors2018, SYRIA_SOLUTIONS_FILE, sharedDataDir } from './quota-priors.ts';

const file = path.join(sharedDataDir(), SYRIA_SOLUTIONS_FILE);

describe('quotaPriors2018', () => {
  it('sums Syrian-origin arrivals per country for 2018 only, largest first', () => {
    const csv = [
      'year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,returned_refugees,resettlement,naturalisation,returned_idps',
      '2018,Syrian Arab Rep.,SYR,SYR,Canada,CAN,CAN,NA,10,NA,NA',
      '2018,Syrian Arab Rep.,SYR,SYR,Germany,GFR,DEU,NA,25,NA,NA',
      '2018,Syrian Arab Rep.,SYR,SYR,Lebanon,LEB,LBN,6000,NA,NA,NA',
      '2017,Syrian Arab Rep.,SYR,SYR,Canada,CAN,CAN,NA,99,NA,NA',
      '2018,Iraq,IRQ,IRQ,Canada,CAN,CAN,NA,7,NA,NA',
    ].join('\n');
    expect(quotaPriors2018(csv)).toEqual([
      { country: 'DEU', name: 'Germany', persons: 25 },
      { country: 'CAN', name: 'Canada', persons: 10 },
    ]);
  });

  it.skipIf(!existsSync(file))('reads the real file: Canada 10,694, United Kingdom 4,387, total 34,126', () => {
    const priors = quotaPriors2018(readFileSync(file, 'utf8'));
    expect(priors[0]).toEqual({ country: 'CAN', name: 'Canada', persons: 10694 });
    expect(priors.find((p) => p.country === 'GBR')?.persons).toBe(4387);
    expect(priors.find((p) => p.country === 'DEU')?.persons).toBe(2929);
    expect(priors.reduce((total, p) => total + p.persons, 0)).toBe(34126);
  });
});
