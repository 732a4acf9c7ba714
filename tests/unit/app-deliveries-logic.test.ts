/**
 * The pure parts of field volunteer mode: reading a delivery sheet's QR code from a camera frame
 * (a QR code made by the sheet's own library, decoded by the scanner's), naming camera problems,
 * grouping a municipality's pledges into arriving and leaving with one pass over the events, and
 * who may confirm a receipt, asked of the domain rules (a volunteer of the receiving city may).
 */
import { describe, expect, it } from 'vitest';
import { checkWrite } from '../../domain/permissions';
import { shortCodeOf } from '../../domain/rules/short-code';
import { canConfirmReceipt, deliveriesOf, isVolunteer, receiptProbe, shortCodeLink } from '../../app/features/deliveries';
import { cameraProblemOf, cameraUnavailability, decodeFrame, loadQrDecoder } from '../../app/features/deliveries/qr-frames';
import { qrFrame } from './app-deliveries-qr-frame';
import { DAY, HOUR, KRAKOW, KYIV, LVIV, MUNICH, T0, makeEvent, makeMunicipality, makePledge } from '../support/factories';
import { makeModeratorProfile, makeProfile } from '../support/profiles';

describe('decodeFrame', () => {
  it('reads the short code from the link a delivery sheet prints, with the real decoder', async () => {
    const decode = await loadQrDecoder();
    const code = shortCodeOf('pledge-generators-01');
    expect(decodeFrame(qrFrame(shortCodeLink('https://cities4cities.example', code)), decode)).toEqual({ kind: 'code', code });
  });

  it('reads a bare code, and tells a QR code of something else apart', async () => {
    const decode = await loadQrDecoder();
    expect(decodeFrame(qrFrame('kasf-7768'), decode)).toEqual({ kind: 'code', code: 'KASF7768' });
    expect(decodeFrame(qrFrame('https://example.org/menu'), decode)).toEqual({ kind: 'foreign', text: 'https://example.org/menu' });
  });

  it('sees nothing in a blank frame', async () => {
    const decode = await loadQrDecoder();
    const blank = { data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 };
    expect(decodeFrame(blank, decode)).toEqual({ kind: 'none' });
    expect(decodeFrame(blank, () => '')).toEqual({ kind: 'none' });
  });
});

describe('camera problems', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'insecure'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'busy'],
    ['TypeError', 'failed'],
  ])('names a %s %s', (name, problem) => {
    expect(cameraProblemOf(new DOMException('camera', name))).toBe(problem);
  });

  it('names anything else a failure', () => {
    expect(cameraProblemOf('nope')).toBe('failed');
    expect(cameraProblemOf(null)).toBe('failed');
  });

  it('knows before asking when the page is not secure or the browser has no camera API', () => {
    expect(cameraUnavailability({ isSecureContext: false, mediaDevices: undefined })).toBe('insecure');
    expect(cameraUnavailability({ isSecureContext: true, mediaDevices: undefined })).toBe('unsupported');
    expect(cameraUnavailability({ isSecureContext: true, mediaDevices: { getUserMedia: () => undefined } })).toBe(null);
  });
});

describe('deliveriesOf', () => {
  const arriving = makePledge({ id: 'pledge-arriving-1', fromMunicipalityId: MUNICH, toMunicipalityId: KYIV, updatedAt: T0 });
  const arrivingNewer = makePledge({ id: 'pledge-arriving-2', fromMunicipalityId: KRAKOW, toMunicipalityId: KYIV, quantity: 4, updatedAt: T0 + DAY });
  const received = makePledge({ id: 'pledge-received-1', fromMunicipalityId: MUNICH, toMunicipalityId: KYIV, quantity: 2, updatedAt: T0 + 2 * DAY });
  const leaving = makePledge({ id: 'pledge-leaving-01', fromMunicipalityId: KYIV, toMunicipalityId: LVIV, updatedAt: T0 });
  const elsewhere = makePledge({ id: 'pledge-elsewhere1', fromMunicipalityId: MUNICH, toMunicipalityId: LVIV, updatedAt: T0 });
  const events = [
    makeEvent('dispatched', { pledgeId: arriving.id, updatedAt: T0 + HOUR }),
    makeEvent('received', { pledgeId: arriving.id, quantity: 3, updatedAt: T0 + 2 * HOUR }),
    makeEvent('received', { pledgeId: received.id, quantity: 2, updatedAt: T0 + 2 * DAY + HOUR }),
    makeEvent('dispatched', { pledgeId: elsewhere.id, byMunicipalityId: MUNICH, updatedAt: T0 + HOUR }),
  ];

  it('splits the pledges of a municipality into arriving and leaving, with the other city, status and code', () => {
    const { arriving: inbound, leaving: outbound } = deliveriesOf([arriving, arrivingNewer, received, leaving, elsewhere], events, KYIV, T0 + 3 * DAY);
    // Still moving first (newest first), then ended ones.
    expect(inbound.map((line) => [line.pledge.id, line.state.status, line.state.receivedQuantity, line.otherMunicipalityId])).toEqual([
      [arrivingNewer.id, 'pledged', 0, KRAKOW],
      [arriving.id, 'partly-received', 3, MUNICH],
      [received.id, 'received', 2, MUNICH],
    ]);
    expect(outbound.map((line) => [line.pledge.id, line.state.status, line.otherMunicipalityId, line.code])).toEqual([[leaving.id, 'pledged', LVIV, shortCodeOf(leaving.id)]]);
  });

  it('derives expiry at the time it is given', () => {
    const late = deliveriesOf([arrivingNewer], [], KYIV, arrivingNewer.expiresAt + 1);
    expect(late.arriving[0]?.state.status).toBe('expired');
  });

  it('lists nothing for a municipality with no pledges', () => {
    expect(deliveriesOf([arriving, elsewhere], events, 'muni-nowhere-01', T0)).toEqual({ arriving: [], leaving: [] });
  });
});

describe('who may confirm a receipt', () => {
  const kyiv = makeMunicipality();
  const munich = makeMunicipality({ id: MUNICH, nameUk: 'Мюнхен', nameLatin: 'München', country: 'DE', adm1: 'DE-BY' });
  const volunteer = makeProfile({ member: { id: 'member-volunteer-1', role: 'volunteer' }, municipality: kyiv });
  const pendingVolunteer = makeProfile({ member: { id: 'member-volunteer-2', role: 'volunteer', status: 'pending' }, municipality: kyiv });
  const official = makeProfile({ municipality: kyiv });
  const sender = makeProfile({ member: { id: 'member-hans-001' }, municipality: munich });
  const pledge = makePledge();
  const moving = { status: 'dispatched' } as const;

  it('lets a volunteer of the receiving city write a received event (the rule is by municipality, not role)', () => {
    expect(checkWrite(volunteer.actor, 'pledge_events', undefined, receiptProbe(volunteer, pledge), { pledge })).toEqual({ allowed: true });
    expect(canConfirmReceipt(volunteer, pledge, moving)).toBe(true);
    expect(canConfirmReceipt(official, pledge, moving)).toBe(true);
  });

  it('does not offer it to the sender, a moderator, a pending volunteer or nobody', () => {
    expect(canConfirmReceipt(sender, pledge, moving)).toBe(false);
    expect(canConfirmReceipt(makeModeratorProfile(), pledge, moving)).toBe(false);
    expect(canConfirmReceipt(pendingVolunteer, pledge, moving)).toBe(false);
    expect(canConfirmReceipt(null, pledge, moving)).toBe(false);
  });

  it.each(['received', 'cancelled', 'expired'] as const)('does not offer it once the pledge is %s', (status) => {
    expect(canConfirmReceipt(volunteer, pledge, { status })).toBe(false);
  });

  it('tells volunteers from other members', () => {
    expect(isVolunteer(volunteer)).toBe(true);
    expect(isVolunteer(official)).toBe(false);
    expect(isVolunteer(makeProfile({ member: { role: 'volunteer', status: 'removed' } }))).toBe(false);
    expect(isVolunteer(null)).toBe(false);
  });
});
