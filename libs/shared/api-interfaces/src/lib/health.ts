/** Answer of `GET /api/health` when the API and its database work. */
export interface HealthResponse {
  status: 'ok';
  database: 'ok';
}
