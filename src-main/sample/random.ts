/** The seedable PRNG lives in the domain (the forecast uses it too); sample data imports it from here. */
export { createRandom, type Random } from '../domain/random.ts';
