import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from './data-source.options';

/**
 * Entry point of the TypeORM CLI (`npm run migration:*`): the same options as the app, against
 * DATABASE_URL (for example the embedded database of a running `npm start`, whose URL it prints).
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to the database the TypeORM CLI should use');

export default new DataSource(
  createDataSourceOptions({ url, poolSize: 2, applicationName: 'cornerstone-cli' }),
);
