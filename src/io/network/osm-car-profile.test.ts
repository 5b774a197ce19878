// The OSM car tag policy: which ways a car may drive, in which direction, how fast; which barriers stop it.
import { describe, expect, it } from 'vitest';
import { ROAD_CLASSES } from '../../core/graph/road-graph.ts';
import { blocksCars, carWay, parseMaxspeedKmh } from './osm-car-profile.ts';

const tags = (t: Record<string, string>) => (key: string) => t[key];

describe('OSM car profile', () => {
  it('reads class, default or tagged speed and direction', () => {
    expect(carWay(tags({ highway: 'primary' }))).toEqual({
      roadClass: ROAD_CLASSES.indexOf('primary'),
      speedKmh: 65,
      direction: 0,
    });
    expect(carWay(tags({ highway: 'residential', maxspeed: '30 mph', oneway: '-1' }))).toMatchObject({
      speedKmh: 48.28032,
      direction: -1,
    });
    expect(carWay(tags({ highway: 'tertiary', junction: 'roundabout' }))?.direction).toBe(1);
    expect(carWay(tags({ highway: 'motorway', oneway: 'no' }))?.direction).toBe(0);
    expect(carWay(tags({ highway: 'motorway_link' }))?.direction).toBe(1);
    expect(carWay(tags({ highway: 'secondary', maxspeed: 'RO:urban' }))?.speedKmh).toBe(55);
  });

  it('excludes non-car ways, denied access and tracks unless asked', () => {
    expect(carWay(tags({ highway: 'footway' }))).toBeUndefined();
    expect(carWay(tags({ highway: 'service', access: 'private' }))).toBeUndefined();
    expect(carWay(tags({ highway: 'primary', motor_vehicle: 'no' }))).toBeUndefined();
    expect(carWay(tags({ highway: 'primary', access: 'no', motor_vehicle: 'yes' }))).toBeDefined();
    expect(carWay(tags({ highway: 'track' }))).toBeUndefined();
    expect(carWay(tags({ highway: 'track' }), { includeTracks: true })?.speedKmh).toBe(10);
  });

  it('stops cars at bollards and private gates, not at open gates or border controls', () => {
    expect(blocksCars(tags({ barrier: 'bollard' }))).toBe(true);
    expect(blocksCars(tags({ barrier: 'gate', access: 'private' }))).toBe(true);
    expect(blocksCars(tags({ barrier: 'gate' }))).toBe(false);
    expect(blocksCars(tags({ barrier: 'border_control' }))).toBe(false);
    expect(blocksCars(tags({ barrier: 'block', motor_vehicle: 'yes' }))).toBe(false);
    expect(blocksCars(tags({ amenity: 'bench' }))).toBe(false);
  });

  it('parses maxspeed values', () => {
    expect(parseMaxspeedKmh('50')).toBe(50);
    expect(parseMaxspeedKmh('80 km/h')).toBe(80);
    expect(parseMaxspeedKmh('50;30')).toBe(50);
    expect(parseMaxspeedKmh('none')).toBeUndefined();
  });
});
