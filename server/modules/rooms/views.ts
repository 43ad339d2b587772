// How rooms records leave the server: a booking shows its title only to its booker and the space's managers.
import type { Booking, Space } from '../../../contracts/rooms';
import type { Actor } from '../../platform/policy';
import type { BookingView, PartRow, SpaceRow } from './repo';

export function toBooking(b: BookingView, actor: Actor, full: boolean): Booking {
  const mine = b.userId === actor.userId;
  const shown = full || mine;
  return {
    id: b.id,
    spaceId: b.spaceId,
    spaceName: b.spaceName,
    partId: b.partId,
    partName: b.partName,
    seriesId: b.seriesId,
    title: shown ? b.title : null,
    attendees: shown ? b.attendees : null,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    status: b.status as Booking['status'],
    mine,
    refusalReason: shown ? b.refusalReason : null,
  };
}

export function toSpace(s: SpaceRow, parts: PartRow[], canBook: boolean, canManage: boolean): Space {
  return {
    id: s.id,
    nodeId: s.nodeId,
    nodeName: s.nodeName,
    organisationId: s.organisationId,
    organisationName: s.organisationName,
    name: s.name,
    kind: s.kind as Space['kind'],
    description: s.description,
    capacity: s.capacity,
    opens: s.opens,
    closes: s.closes,
    days: s.days as Space['days'],
    openOnHolidays: s.openOnHolidays,
    bufferBeforeMin: s.bufferBeforeMin,
    bufferAfterMin: s.bufferAfterMin,
    bookers: s.bookers as Space['bookers'],
    needsApproval: s.needsApproval,
    parts: parts
      .filter((p) => p.spaceId === s.id)
      .map((p) => ({ id: p.id, name: p.name, whole: p.whole, capacity: p.capacity })),
    canBook,
    canManage,
  };
}
