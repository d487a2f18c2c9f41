// The tasks of each campaign, as the platform registers them (POST /v1/campaigns): an account
// that has answered every one completes the campaign and gets its placeholder ticket.
export default `
CREATE TABLE campaign_tasks (
  campaign_id  numeric(78, 0) NOT NULL,
  task_id      text NOT NULL,
  client_id    text NOT NULL,
  PRIMARY KEY (campaign_id, task_id)
);
`;
