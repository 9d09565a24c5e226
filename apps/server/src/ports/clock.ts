/** The clock port: services never read the system time directly. */
export interface Clock {
  /** Now, as a Date in UTC. */
  now(): Date;
}
