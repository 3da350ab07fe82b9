/**
 * Station check-in at the path the server's station QR names (`GET /stations/:id/checkin-code` →
 * `url`: `/pages/stations/checkin?stationId=…&code=…`). The same page as activity check-in.
 */
export { default } from '../checkin/index'
