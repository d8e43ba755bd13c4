export * from './field-path';
export * from './plan-import';
export { exportConsultationList, exportRegister } from '../csv/export';
