export { default } from '@watchfloor/config/eslint';
