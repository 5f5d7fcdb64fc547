export { DEMO_AIR_STATIONS, DEMO_WATER_SECTIONS, benchAirStations, type DemoAirStation, type DemoWaterSection, type StationProfile } from "./demo-network";
export {
  AIR_READINGS_HEADER,
  AIR_STATIONS_HEADER,
  DEMO_AIR_SCENARIOS,
  DEMO_SEED,
  airEventsBetween,
  airReadingLine,
  airReadingsCsv,
  airReadingsCsvChunks,
  airStationsCsv,
  dustDatesBetween,
  generateAirReadings,
  type AirEvent,
  type AirGeneratorOptions,
  type AirReadingRow,
  type AirScenario,
} from "./air-readings.generator";
export { WATER_SAMPLE_PARAMETERS, WATER_SECTIONS_HEADER, generateWaterSamples, waterSamplesCsv, waterSectionsCsv, type WaterGeneratorOptions, type WaterSampleRow } from "./water-samples.generator";
export { seedDemoIndicators, DEMO_INDICATORS_FROM, DEMO_SILENT_STATION, type SeedIndicatorsOptions, type SeedIndicatorsReport } from "./demo-indicators";
export { feedDemoAirReadings, type DemoAirFeedReport } from "./demo-air-feed";
