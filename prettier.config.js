import preset from '@watchfloor/config/prettier' with { type: 'json' };
export default preset;
