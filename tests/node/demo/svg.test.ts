import { describe, it, expect } from 'vitest';
import { frame, linearScale, logScale, niceStep, linearTicks, logTicks, ticksOf, pointList } from '../../../demo/svg';

/** The SVG charts' scales and ticks (timeline, parallel coordinates, intermediate values). */
describe('demo svg scales and ticks', () => {
  it('maps a linear domain onto a range, both ways, and a point domain to the middle', () => {
    const s = linearScale(10, 20, 100, 300);
    expect([s(10), s(15), s(20), s(25)]).toEqual([100, 200, 300, 400]);
    expect(s.invert(250)).toBe(17.5);
    expect(s.log).toBe(false);
    const flipped = linearScale(0, 1, 280, 20); // SVG y grows downwards
    expect([flipped(0), flipped(1), flipped(0.5)]).toEqual([280, 20, 150]);
    const point = linearScale(3, 3, 0, 100);
    expect(point(3)).toBe(50);
    expect(Number.isFinite(point(7))).toBe(true);
  });

  it('maps a log domain by decades and refuses a non-positive one', () => {
    const s = logScale(1e-3, 10, 0, 400);
    expect(s(1e-3)).toBeCloseTo(0, 10);
    expect(s(1e-2)).toBeCloseTo(100, 10);
    expect(s(1)).toBeCloseTo(300, 10);
    expect(s(10)).toBeCloseTo(400, 10);
    expect(s.invert(200)).toBeCloseTo(0.1, 12);
    expect(s(0)).toBeNaN();
    expect(s(-1)).toBeNaN();
    expect(() => logScale(0, 10, 0, 1)).toThrow(/positive domain/);
  });

  it('picks 1-2-5 steps', () => {
    expect([niceStep(0.7), niceStep(1), niceStep(1.1), niceStep(3), niceStep(7), niceStep(12), niceStep(0.03)]).toEqual([1, 1, 2, 5, 10, 20, 0.05]);
  });

  it('puts round linear ticks inside the range without float noise', () => {
    expect(linearTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearTicks(0.1, 0.7, 6)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(linearTicks(-3.3, 4.1, 4)).toEqual([-2, 0, 2, 4]);
    expect(linearTicks(12, 1780, 5)).toEqual([500, 1000, 1500]);
    expect(linearTicks(5, 5)).toEqual([5]);
  });

  it('puts powers of ten on a log axis, 1-2-5 multiples when the range is under a decade', () => {
    expect(logTicks(1e-3, 10)).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(logTicks(0.5, 3000)).toEqual([1, 10, 100, 1000]);
    expect(logTicks(1e-8, 1e8, 5)).toEqual([1e-8, 1e-4, 1, 1e4, 1e8]);
    expect(logTicks(3, 40)).toEqual([5, 10, 20]);
    expect(logTicks(0, 10)).toEqual([]);
    expect(ticksOf(logScale(1, 1000, 0, 1))).toEqual([1, 10, 100, 1000]);
    expect(ticksOf(linearScale(0, 1, 0, 1), 2)).toEqual([0, 0.5, 1]);
  });

  it('puts the plot area inside the margins', () => {
    expect(frame(640, 300, { top: 28, right: 40, bottom: 24, left: 50 })).toEqual({ width: 640, height: 300, x0: 50, x1: 600, y0: 28, y1: 276 });
  });

  it('writes polyline points, leaving out the ones without a place', () => {
    expect(pointList([[1, 2], [3.14159, NaN], [5.55, 6.04]])).toBe('1.0,2.0 5.5,6.0');
    expect(pointList([])).toBe('');
  });
});
