// Type test (compiled, never run) of the BUILT typings with the old `moduleResolution: "node"`,
// which ignores package.json `exports`: every entry resolves through `typesVersions`.
/// <reference types="staymod-booking/jsx" />
import { StaymodBooking as StaymodBookingElement, defaultStrings } from 'staymod-booking';
import { defineStaymodElements } from 'staymod-booking/define';
import { StaymodBooking } from 'staymod-booking/react';
import { createStaymodProxy } from 'staymod-booking/proxy';
import { staymodProxyMiddleware } from 'staymod-booking/proxy/node';
import worker from 'staymod-booking/proxy/worker';

defineStaymodElements();
export const entries = [StaymodBookingElement, defaultStrings, createStaymodProxy, staymodProxyMiddleware, worker];

export const wrapped = <StaymodBooking propertyId="71c1cf237ed753d9d00db738" onStaymodBookingConfirmed={(e) => e.detail.booking._id} />;
export const tag = <staymod-booking property-id="71c1cf237ed753d9d00db738" months={2} />;
// @ts-expect-error the tag's typings (staymod-booking/jsx) are loaded: theme is light, dark or auto
export const badTheme = <staymod-booking theme="blue" />;
