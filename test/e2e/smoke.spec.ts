import { DEMO_ROOMS, day, expect, hostUrl, sandbox, test } from './fixtures.js';

for (const mode of ['direct', 'proxy'] as const) {
  test(`a guest books one room end to end (${mode})`, async ({ page, widget }) => {
    await page.goto(hostUrl(mode));
    await widget.pickDates(day(20), day(23));
    await widget.addRoom('Deluxe');
    await widget.continueButton().click();
    await widget.field(/full name/i).fill('Asha Rao');
    await widget.field(/e-mail/i).fill('asha@example.com');
    await widget.submitButton().click();
    await expect(widget.confirmation()).toContainText(/Booking requested/i);
    const booked = (await sandbox.bookings()).filter((b) => b.guestName === 'Asha Rao');
    expect(booked).toHaveLength(1);
    expect(booked[0]!.checkIn).toBe(`${day(20)}T14:00:00.000Z`);
    expect(booked[0]!.checkOut).toBe(`${day(23)}T11:00:00.000Z`);
    expect(Object.keys(booked[0]!.rooms)).toEqual([DEMO_ROOMS.deluxe]);
    expect(booked[0]!.status).toBe('pending');
  });
}
