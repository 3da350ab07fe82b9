process.env.TEST_DB = 'postgres';
process.env.TEST_THROUGH_REPLICA = '1';
