import { CREDENTIAL_CALLS, homeFor, StaffApi } from './portal-routes';

describe('portal routes', () => {
  it('sends clients to their inbox and staff to the staff home', () => {
    expect(homeFor('client')).toBe('/nachrichten');
    expect(homeFor('counsellor')).toBe('/beratung');
    expect(homeFor('lead')).toBe('/beratung');
    expect(homeFor(undefined)).toBe('/nachrichten');
  });

  it('treats a 401 from setup or staff registration as a refused link, not an ended session', () => {
    expect(CREDENTIAL_CALLS).toEqual(expect.arrayContaining([StaffApi.setup, StaffApi.register]));
    expect(StaffApi.teamKey('a/b')).toBe('/api/staff/counsellors/a%2Fb/team-key');
  });
});
